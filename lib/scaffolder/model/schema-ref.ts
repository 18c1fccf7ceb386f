// Local `$ref`s of a parameter page's JSON Schema (`#/definitions/x`: a JSON Pointer in a URI
// fragment), for the walks over a page's schema along its values (secret fields, hidden pages).

export function isObject(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** What a local `$ref` names in `root` (own keys only); undefined for any other ref, or a missing target. */
export function localRefTarget(root: Record<string, unknown>, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  const pointer = decodeURIComponent(ref.slice(1));
  if (pointer && !pointer.startsWith('/')) return undefined;
  let target: unknown = root;
  for (const segment of pointer ? pointer.slice(1).split('/') : []) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    target = target && typeof target === 'object' && Object.hasOwn(target, key) ? (target as Record<string, unknown>)[key] : undefined;
  }
  return target;
}
