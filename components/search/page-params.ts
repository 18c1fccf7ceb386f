import { firstParam, pageParam, type SearchParams } from '@/components/catalog/search-params';
import { MAX_TERM_LENGTH, SEARCH_TYPES, type SearchType } from '@/lib/search/model/search-query';

// The search page's address: pure, so the same on the server and in tests.

/** What the search page shows: `?q=&type=&kind=&lifecycle=&page=` (one kind and lifecycle at a time). */
export type SearchPageState = { term: string; type: SearchType | 'all'; kind: string | null; lifecycle: string | null; page: number };

/** The page's parameters; a value that cannot be one is left out, and the page is from 1 up to `maxPage`. */
export function parseSearchPageParams(params: SearchParams, maxPage: number): SearchPageState {
  const first = (name: string) => firstParam(params[name])?.trim() || null;
  const type = first('type');
  return {
    term: first('q')?.slice(0, MAX_TERM_LENGTH) ?? '',
    type: (SEARCH_TYPES as readonly string[]).includes(type ?? '') ? (type as SearchType) : 'all',
    kind: first('kind')?.slice(0, 100) ?? null,
    lifecycle: first('lifecycle')?.slice(0, 100) ?? null,
    page: pageParam(params, maxPage),
  };
}

/** The search page's address for `state` changed by `changes` (a changed filter starts at page 1). */
export function searchPageHref(state: SearchPageState, changes: Partial<SearchPageState>): string {
  const next = { ...state, page: 1, ...changes };
  const params = new URLSearchParams();
  if (next.term) params.set('q', next.term);
  if (next.type !== 'all') params.set('type', next.type);
  if (next.kind) params.set('kind', next.kind);
  if (next.lifecycle) params.set('lifecycle', next.lifecycle);
  if (next.page > 1) params.set('page', String(next.page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}
