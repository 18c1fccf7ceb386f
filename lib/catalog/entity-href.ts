import { parseEntityRef } from '@/lib/catalog/model';

/** The entity page of a canonical ref (`kind:namespace/name`): /catalog/<kind>/<namespace>/<name>. */
export function entityHref(ref: string, suffix = ''): string {
  const { kind, namespace, name } = parseEntityRef(ref);
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return `/catalog/${seg(kind)}/${seg(namespace)}/${seg(name)}${suffix}`;
}

/** The canonical ref of an entity page's route params (which arrive URL-encoded). */
export function refOfParams(params: { kind: string; namespace: string; name: string }): string {
  const dec = (s: string) => decodeURIComponent(s).toLowerCase();
  return `${dec(params.kind)}:${dec(params.namespace)}/${dec(params.name)}`;
}
