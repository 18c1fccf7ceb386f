import { AppError } from '@/lib/errors';
import { DEFAULT_NAMESPACE, parseEntityRef } from '@/lib/catalog/model/refs';

// Entity page URLs, one form: /catalog/<kind>/<namespace>/<name>, lower-cased like the canonical ref.

/**
 * The entity page of a ref (`kind:namespace/name`) or of an entity's kind, namespace and name, with
 * an optional suffix such as `/edit`. A ref that does not parse throws (refs in the catalog parse).
 */
export function entityHref(target: string | { kind: string; namespace?: string | null; name: string }, suffix = ''): string {
  const e = typeof target === 'string' ? parseEntityRef(target) : target;
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return `/catalog/${seg(e.kind)}/${seg(e.namespace || DEFAULT_NAMESPACE)}/${seg(e.name)}${suffix}`;
}

/** The canonical ref of an entity page's route params (which arrive URL-encoded); a malformed escape is a 400. */
export function refOfParams(params: { kind: string; namespace: string; name: string }): string {
  const dec = (s: string) => {
    try {
      return decodeURIComponent(s).toLowerCase();
    } catch {
      throw new AppError('BAD_REQUEST', `"${s}" is not a valid URL segment`);
    }
  };
  return `${dec(params.kind)}:${dec(params.namespace)}/${dec(params.name)}`;
}
