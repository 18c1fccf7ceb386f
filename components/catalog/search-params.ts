// A page's search parameters as Next gives them: a name may repeat (the first counts), and a page
// number that cannot be one is the first page.

export type SearchParams = Record<string, string | string[] | undefined>;

export const firstParam = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** `?page=`: a whole number from 1 up to `max`, else 1. */
export function pageParam(query: SearchParams, max: number): number {
  const page = Number(firstParam(query.page));
  return Number.isInteger(page) && page >= 1 ? Math.min(page, max) : 1;
}
