import { parseEntityRef } from '@/lib/catalog/model/refs';

// Backstage's Start Over: a finished task's page links to its template's form with the task's
// answers in the address (`?formData=` JSON, as Backstage's template page reads it), secrets never
// among them (a task does not keep them). The address is untrusted: a person can edit or be sent one.

/** At most this long: a request line past Node's 16 KiB of headers is refused before the page runs. */
export const MAX_FORM_DATA_CHARS = 8000;

type Values = Record<string, unknown>;

/** The run form's address for `templateRef` starting from `values`; null when they do not fit in an address. */
export function startOverHref(templateRef: string, values: Values): string | null {
  const { namespace, name } = parseEntityRef(templateRef);
  const base = `/create/templates/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const json = JSON.stringify(values);
  if (json === '{}') return base;
  const query = new URLSearchParams({ formData: json }).toString();
  return query.length > MAX_FORM_DATA_CHARS ? null : `${base}?${query}`;
}

/** The answers the address starts the form with, or why it starts empty. */
export function startValues(raw: string | string[] | undefined): { values: Values; problem: string | null } {
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || text === '') return { values: {}, problem: null };
  const refused = (why: string) => ({ values: {}, problem: `The answers in the address (formData) ${why}, so the form starts empty.` });
  if (text.length > MAX_FORM_DATA_CHARS) return refused(`are longer than ${MAX_FORM_DATA_CHARS} characters`);
  let parsed: unknown;
  try {
    // Keys that name an object's prototype are dropped: the form merges the answers into its own.
    parsed = JSON.parse(text, (key, value: unknown) =>
      key === '__proto__' || key === 'constructor' || key === 'prototype' ? undefined : value,
    );
  } catch {
    return refused('are not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refused('are not a JSON object of answers');
  return { values: parsed as Values, problem: null };
}
