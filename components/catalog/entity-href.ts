import { DEFAULT_NAMESPACE, tryParseEntityRef } from '@/lib/catalog/model/refs';

// Entity page URLs: /catalog/<kind lowercase>/<namespace>/<name>.

export function entityHref(e: { kind: string; namespace?: string; name: string }): string {
  return `/catalog/${encodeURIComponent(e.kind.toLowerCase())}/${encodeURIComponent(e.namespace || DEFAULT_NAMESPACE)}/${encodeURIComponent(e.name)}`;
}

export function entityHrefFromRef(ref: string): string | null {
  const parsed = tryParseEntityRef(ref);
  return parsed ? entityHref(parsed) : null;
}

/** A ref as people read it: the name, with the namespace when it is not the default one. */
export function shortRef(e: { namespace?: string; name: string }): string {
  return e.namespace && e.namespace !== DEFAULT_NAMESPACE ? `${e.namespace}/${e.name}` : e.name;
}
