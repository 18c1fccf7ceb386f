import { DEFAULT_NAMESPACE, parseEntityRef, tryParseEntityRef } from '@/lib/catalog/model/refs';

// Entity page URLs, one form: /catalog/<kind>/<namespace>/<name>, lower-cased like the canonical ref.

export function entityPath(e: { kind: string; namespace?: string; name: string }): string {
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return `/catalog/${seg(e.kind)}/${seg(e.namespace || DEFAULT_NAMESPACE)}/${seg(e.name)}`;
}

/** The entity page of a canonical ref (`kind:namespace/name`), with an optional suffix such as `/edit`. */
export function entityHref(ref: string, suffix = ''): string {
  return `${entityPath(parseEntityRef(ref))}${suffix}`;
}

/** The entity page of a ref, or null when it does not parse. */
export function entityHrefFromRef(ref: string): string | null {
  const parsed = tryParseEntityRef(ref);
  return parsed ? entityPath(parsed) : null;
}

/** The canonical ref of an entity page's route params (which arrive URL-encoded). */
export function refOfParams(params: { kind: string; namespace: string; name: string }): string {
  const dec = (s: string) => decodeURIComponent(s).toLowerCase();
  return `${dec(params.kind)}:${dec(params.namespace)}/${dec(params.name)}`;
}
