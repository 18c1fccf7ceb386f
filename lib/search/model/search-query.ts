import { z } from 'zod';

// What a search asks for, from the search page's query string or the search API's (Backstage's
// `GET /api/search/query`, whose clients write arrays and objects as `qs` does: `types[0]=…`,
// `filters[kind]=…`, `filters[kind][0]=…`). Pure: no I/O.

/** Result types, as Backstage's collators name them. */
export const SEARCH_TYPES = ['software-catalog', 'techdocs'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/** The fields a search filters on (an entity's, or a docs page's entity's), as Backstage's catalog documents name them. */
export const SEARCH_FILTERS = ['kind', 'lifecycle', 'type'] as const;
export type SearchFilterKey = (typeof SEARCH_FILTERS)[number];
export type SearchFilters = Partial<Record<SearchFilterKey, string[]>>;

export type SearchQuery = {
  term: string;
  /** Empty: every type. */
  types: SearchType[];
  filters: SearchFilters;
  offset: number;
  limit: number;
};

export const MAX_TERM_LENGTH = 200;
const MAX_WORDS = 8;
const MAX_FILTER_VALUES = 20;
export const API_PAGE_LIMIT = { default: 25, max: 100 };
/** Deeper than this, a search should be narrowed rather than paged. */
export const MAX_OFFSET = 10_000;

/**
 * The words a search matches, lower-cased: each must appear in what it searches. Words of one
 * character are left out (they match nearly everything) unless the term is nothing else.
 */
export function searchWords(term: string): string[] {
  const all = term.trim().toLowerCase().slice(0, MAX_TERM_LENGTH).split(/\s+/).filter(Boolean);
  const words = [...new Set(all.filter((w) => w.length > 1))].slice(0, MAX_WORDS);
  return words.length ? words : all.slice(0, 1);
}

/** A LIKE pattern's text for `word` as typed: %, _ and \ stand for themselves. */
export const likeEscape = (word: string) => word.replace(/[\\%_]/g, (m) => `\\${m}`);

/** Backstage's page cursor: the page's number (from 0) in base64. */
export const encodePageCursor = (page: number) => Buffer.from(String(page), 'utf8').toString('base64');

export function decodePageCursor(cursor: string): number | null {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  return /^\d{1,6}$/.test(text) ? Number(text) : null;
}

export class SearchQueryError extends Error {}

const termSchema = z.string().max(MAX_TERM_LENGTH, `term: at most ${MAX_TERM_LENGTH} characters`);

/**
 * The search API's query string as a SearchQuery. Throws SearchQueryError saying what to fix: a
 * type or filter it does not know, a cursor it did not write, a page limit out of range.
 */
export function parseSearchApiQuery(params: URLSearchParams): SearchQuery & { page: number } {
  const types: SearchType[] = [];
  const filters: SearchFilters = {};
  let term = '';
  let cursor: string | null = null;
  let limit = API_PAGE_LIMIT.default;
  for (const [key, value] of params) {
    if (key === 'term') {
      const parsed = termSchema.safeParse(value);
      if (!parsed.success) throw new SearchQueryError(parsed.error.issues[0].message);
      term = parsed.data;
    } else if (/^types(\[\d*\])?$/.test(key)) {
      if (!(SEARCH_TYPES as readonly string[]).includes(value))
        throw new SearchQueryError(`types: "${value}" is not a result type here; use ${SEARCH_TYPES.join(' or ')}`);
      if (!types.includes(value as SearchType)) types.push(value as SearchType);
    } else if (key.startsWith('filters[')) {
      const field = /^filters\[([^\]]+)\](\[\d*\])?$/.exec(key)?.[1];
      if (!field || !(SEARCH_FILTERS as readonly string[]).includes(field))
        throw new SearchQueryError(`${key}: search filters on ${SEARCH_FILTERS.map((f) => `filters[${f}]`).join(', ')}`);
      const values = (filters[field as SearchFilterKey] ??= []);
      if (values.length === MAX_FILTER_VALUES || value.length > MAX_TERM_LENGTH)
        throw new SearchQueryError(`filters[${field}]: at most ${MAX_FILTER_VALUES} values of up to ${MAX_TERM_LENGTH} characters`);
      values.push(value);
    } else if (key === 'pageCursor') {
      cursor = value;
    } else if (key === 'pageLimit') {
      limit = Number(value);
      if (!Number.isInteger(limit) || limit < 1 || limit > API_PAGE_LIMIT.max)
        throw new SearchQueryError(`pageLimit: a whole number from 1 to ${API_PAGE_LIMIT.max}`);
    }
  }
  const page = cursor ? decodePageCursor(cursor) : 0;
  if (page === null) throw new SearchQueryError('pageCursor: not a cursor this API gave (nextPageCursor or previousPageCursor)');
  if (page * limit > MAX_OFFSET)
    throw new SearchQueryError(`pageCursor: results past the first ${MAX_OFFSET} are not paged; narrow the search`);
  return { term, types, filters, offset: page * limit, limit, page };
}

export type FacetCount = { value: string; count: number };

/** Facet counts of two result types as one (values equal whatever their case), most first. */
export function mergeFacets(a: FacetCount[], b: FacetCount[]): FacetCount[] {
  const counts = new Map<string, FacetCount>();
  for (const f of [...a, ...b]) {
    const c = counts.get(f.value.toLowerCase());
    counts.set(f.value.toLowerCase(), c ? { value: c.value, count: c.count + f.count } : { ...f });
  }
  return [...counts.values()].sort((x, y) => y.count - x.count || x.value.localeCompare(y.value));
}
