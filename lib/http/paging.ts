/**
 * One page of a list that grows with the catalog: the page asked for (`?page=`, anything else is
 * the first) kept within the pages `total` rows make, and the rows to skip for it.
 */
export function pageOf(requested: string | string[] | number | undefined, total: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const asked = Math.floor(Number(Array.isArray(requested) ? requested[0] : requested));
  const page = Number.isSafeInteger(asked) && asked > 1 ? Math.min(asked, pages) : 1;
  return { page, pages, offset: (page - 1) * size };
}

/** `path` with these query parameters, leaving out empty ones and first pages (page numbers of 1). */
export function listHref(path: string, params: Record<string, string | number | null | undefined>): string {
  const kept = Object.entries(params).flatMap(([k, v]) =>
    v == null || v === '' || (typeof v === 'number' && v <= 1) ? [] : [[k, String(v)]],
  );
  const search = new URLSearchParams(kept).toString();
  return search ? `${path}?${search}` : path;
}
