import { DEFAULT_NAMESPACE } from '@/lib/catalog/model/refs';

export { entityHrefFromRef, entityPath as entityHref } from '@/lib/catalog/entity-href';

/** A ref as people read it: the name, with the namespace when it is not the default one. */
export function shortRef(e: { namespace?: string; name: string }): string {
  return e.namespace && e.namespace !== DEFAULT_NAMESPACE ? `${e.namespace}/${e.name}` : e.name;
}
