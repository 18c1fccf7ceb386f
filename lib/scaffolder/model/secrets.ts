// A task's secrets (Secret fields and the API's `secrets`) live only in the memory of the instance
// running it. Whatever a task keeps — log lines, step outputs, its output, the workspace saved
// after each step — has every secret value taken out first: masked as *** where people read it,
// cut out of the workspace snapshot (and put back from the secrets a resume or retry is given).
// Each value is looked for as written and in base64 (how a Kubernetes Secret or a basic-auth
// header carries it); values shorter than 3 characters are left alone (they would mask every
// "a" or "1"). A value the template transforms (`| upper`, `| replace`, in a longer text) is found
// another way: a step input whose template reads `secrets` is rendered a second time with decoys
// in their place (decoySecrets), and what the decoys change in each string of the input is masked
// like a secret for the rest of the run (derivedSecrets). It is masked where people read it (the
// log, outputs, errors), not cut out of the saved workspace (a resume could not put it back).

export type Secrets = Readonly<Record<string, string>>;

const MASK = '***';

type Form = { name: string; base64: boolean; text: string };

function forms(secrets: Secrets): Form[] {
  const out: Form[] = [];
  for (const [name, value] of Object.entries(secrets)) {
    if (!value || value.length < 3) continue;
    out.push({ name, base64: false, text: value }, { name, base64: true, text: Buffer.from(value).toString('base64') });
  }
  // The longest first: a secret that contains another is masked whole.
  return out.sort((a, b) => b.text.length - a.text.length);
}

/**
 * The secrets with every character changed (its code point's lowest bit flipped: a letter stays a
 * letter, a digit a digit): whatever a template makes of a secret differs between the two.
 */
export function decoySecrets(secrets: Secrets): Secrets {
  const flip = (value: string) => [...value].map((c) => String.fromCodePoint(c.codePointAt(0)! ^ 1)).join('');
  return Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, flip(value)]));
}

/**
 * What `real` (a rendered value) holds that `decoy` (the same template rendered with decoySecrets)
 * has otherwise: the part of each string from the first character that differs to the last (the
 * text around it is the template's own), or, where the shapes part, every string below.
 */
export function derivedSecrets(real: unknown, decoy: unknown): string[] {
  if (typeof real === 'string') {
    if (typeof decoy !== 'string') return [real];
    let start = 0;
    while (start < real.length && real[start] === decoy[start]) start++;
    let end = 0;
    const most = Math.min(real.length, decoy.length) - start;
    while (end < most && real[real.length - 1 - end] === decoy[decoy.length - 1 - end]) end++;
    const part = real.slice(start, real.length - end);
    return part ? [part] : [];
  }
  if (real && typeof real === 'object') {
    const other = decoy && typeof decoy === 'object' ? (decoy as Record<string, unknown>) : {};
    return Object.entries(real).flatMap(([k, v]) => derivedSecrets(v, other[k]));
  }
  return [];
}

/** Replaces every secret value (and its base64 form) with ***. */
export function maskSecrets(text: string, secrets: Secrets): string {
  return maskForms(text, forms(secrets));
}

function maskForms(text: string, all: readonly Form[]): string {
  let out = text;
  for (const form of all) out = out.split(form.text).join(MASK);
  return out;
}

/** maskSecrets on every string of a JSON value, object keys included (step outputs, a task's output). */
export function maskSecretsDeep<T>(value: T, secrets: Secrets): T {
  const all = forms(secrets);
  if (!all.length) return value;
  const mask = (v: unknown): unknown => {
    if (typeof v === 'string') return maskForms(v, all);
    if (Array.isArray(v)) return v.map(mask);
    if (v && typeof v === 'object' && [Object.prototype, null].includes(Object.getPrototypeOf(v)))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [maskForms(k, all), mask(x)]));
    return v;
  };
  return mask(value) as T;
}

/** Where a secret was cut out: its offset in what is left, its name, 1 for its base64 form. */
export type SecretCut = [offset: number, name: string, base64: 0 | 1];

/** Takes every secret value (and its base64 form) out of `bytes`, noting where each was. */
export function cutSecrets(bytes: Buffer, secrets: Secrets): { rest: Buffer; cuts: SecretCut[] } {
  const found: { start: number; form: Form }[] = [];
  for (const form of forms(secrets)) {
    const needle = Buffer.from(form.text);
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) found.push({ start: at, form });
  }
  if (!found.length) return { rest: bytes, cuts: [] };
  // In order; where two overlap, the one that starts first (then the longer) is cut.
  found.sort((a, b) => a.start - b.start || b.form.text.length - a.form.text.length);
  const parts: Buffer[] = [];
  const cuts: SecretCut[] = [];
  let end = 0;
  let removed = 0;
  for (const { start, form } of found) {
    if (start < end) continue;
    const length = Buffer.byteLength(form.text);
    parts.push(bytes.subarray(end, start));
    cuts.push([start - removed, form.name, form.base64 ? 1 : 0]);
    removed += length;
    end = start + length;
  }
  parts.push(bytes.subarray(end));
  return { rest: Buffer.concat(parts), cuts };
}

/** Puts the secrets back where cutSecrets took them out (with the values given now). */
export function pasteSecrets(rest: Buffer, cuts: readonly SecretCut[], secrets: Secrets, what: string): Buffer {
  if (!cuts.length) return rest;
  const parts: Buffer[] = [];
  let from = 0;
  for (const [offset, name, base64] of cuts) {
    const value = secrets[name];
    if (value === undefined)
      throw new Error(`${what} holds the secret ${name}, which this run was not given; retry the task and enter it again`);
    parts.push(rest.subarray(from, offset), Buffer.from(base64 ? Buffer.from(value).toString('base64') : value));
    from = offset;
  }
  parts.push(rest.subarray(from));
  return Buffer.concat(parts);
}
