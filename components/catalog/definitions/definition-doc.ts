import { parse } from 'yaml';

// Loading an API definition (OpenAPI, AsyncAPI) from a repository: bounded YAML/JSON parsing and
// local `$ref` resolution that stops at cycles and depth. Pure: no I/O.

const MAX_DOC_CHARS = 2_000_000;

export const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

export function loadDefinition(source: string): { doc: Record<string, unknown> } | { error: string } {
  if (source.length > MAX_DOC_CHARS) return { error: 'The definition is too large to render as a reference.' };
  let doc: unknown;
  try {
    doc = parse(source, { maxAliasCount: 100 });
  } catch (e) {
    return { error: `The definition is not valid YAML or JSON: ${(e as Error).message}` };
  }
  return isObj(doc) ? { doc } : { error: 'The definition is not a YAML or JSON object.' };
}

/**
 * Values one document's resolver may produce. A `$ref` copies its target, so without a bound a short
 * text whose operations reference wide schemas that reference wide schemas grows to the product of
 * their widths (100 operations x 200 x 200 properties: 30 KB of text, 17 s and 800 MB for one view of
 * the page). Past it a `$ref` keeps only its target's name, and the rest is read as written. The
 * page shows what is resolved: 20,000 values render in under a second (about 9 MB of HTML).
 */
const MAX_RESOLVED_VALUES = 20_000;

/**
 * Replaces `$ref` objects by their targets in `root` (marking the name), to a bounded depth, never
 * looping, and within MAX_RESOLVED_VALUES for all the values it is given.
 */
export function refResolver(root: Record<string, unknown>): (value: unknown) => unknown {
  let produced = 0;
  const lookup = (ref: string): unknown => {
    if (!ref.startsWith('#/')) return undefined;
    let cur: unknown = root;
    for (const part of ref.slice(2).split('/')) {
      const key = part.replace(/~1/g, '/').replace(/~0/g, '~');
      cur = isObj(cur) ? cur[key] : undefined;
    }
    return cur;
  };
  const resolve = (value: unknown, seen: string[] = [], depth = 0): unknown => {
    produced++;
    if (depth > 12) return value;
    if (Array.isArray(value)) return value.map((v) => resolve(v, seen, depth + 1));
    if (!isObj(value)) return value;
    const ref = str(value.$ref);
    if (ref) {
      const name = ref.split('/').pop() ?? ref;
      if (seen.includes(ref)) return { 'x-circular': name };
      if (produced > MAX_RESOLVED_VALUES) return { 'x-ref-name': name };
      const target = lookup(ref);
      return isObj(target) ? { ...(resolve(target, [...seen, ref], depth + 1) as object), 'x-ref-name': name } : { 'x-unresolved': ref };
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, seen, depth + 1)]));
  };
  return (value) => resolve(value);
}
