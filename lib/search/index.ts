// The search domain's public surface: entities and docs pages by words, and close matches for a
// ref that is not in the catalog (the entity 404).
export { search, SEARCH_LIMIT, suggestEntities, type EntityHit, type SearchResult } from './queries';
