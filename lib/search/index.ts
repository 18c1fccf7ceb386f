// The search domain's public surface: entities and docs pages by the words of a query, ranked and
// filtered (the search page and Backstage's search API), and close matches for a ref that is not in
// the catalog (the entity 404).
export {
  searchDocs,
  searchEntities,
  suggestEntities,
  type DocsSearch,
  type DocsSearchHit,
  type EntityHit,
  type EntitySearch,
  type SearchFacets,
} from './queries';
export {
  API_PAGE_LIMIT,
  encodePageCursor,
  MAX_OFFSET,
  MAX_TERM_LENGTH,
  mergeFacets,
  parseSearchApiQuery,
  SEARCH_FILTERS,
  SEARCH_TYPES,
  SearchQueryError,
  searchWords,
  type FacetCount,
  type SearchFilters,
  type SearchQuery,
  type SearchType,
} from './model/search-query';
