// How long a list one catalog API request may give, for each list whose items each cost work per
// entity: a filter condition or full-text field is an SQL condition (most a subquery per entity), an
// order field a subquery per matching entity, a `fields` path a copy from each entity answered, a
// facet a count over the matches. Backstage sets no caps; its clients send a handful of each. Without
// them, one POST (1 MiB) at 3,000 entities took 77 s (20,000 order fields), 19 s (40,000 facets) or
// 4 s (50,000 fields), and 99 order fields or more failed with a 500 (json_build_array takes 100
// arguments). Predicates have their own caps (lib/catalog/queries/predicate.ts).

/**
 * Conditions of all `filter` parameters together: alternatives are cheap (200 of kind, namespace and
 * name, as Backstage's frontend asks for related entities, took 20–60 ms at 3,000 entities), and a
 * URL holds at most 16 KB; the cap keeps a cursor's filter within the same bound.
 */
export const MAX_FILTER_CONDITIONS = 1000;
/**
 * Conditions of one `filter` parameter, which are AND'ed: their cost grows faster than their number
 * where few entities match (3,000 entities, no match: 20 took 0.2 s, 50 0.4 s, 100 2.0 s, 2,800
 * over 13 min); alternatives (OR) are cheap (100 took 0.09 s).
 */
export const MAX_CONDITIONS_PER_FILTER = 20;
export const MAX_ORDER_FIELDS = 10;
export const MAX_FIELDS = 100;
export const MAX_FULL_TEXT_FIELDS = 20;
export const MAX_FACETS = 50;

export const FILTER_PARAM_CAP_MESSAGE = `one filter may hold at most ${MAX_CONDITIONS_PER_FILTER} conditions (key=value or key, comma-separated)`;
export const FILTER_CAP_MESSAGE = `filter may hold at most ${MAX_FILTER_CONDITIONS} conditions in all; give the values of one key in one condition (e.g. kind=component,kind=api)`;
export const ORDER_CAP_MESSAGE = `order may name at most ${MAX_ORDER_FIELDS} fields`;
export const FIELDS_CAP_MESSAGE = `fields may name at most ${MAX_FIELDS} paths`;
export const FULL_TEXT_FIELDS_CAP_MESSAGE = `full-text filter fields may name at most ${MAX_FULL_TEXT_FIELDS} paths`;
export const FACETS_CAP_MESSAGE = `at most ${MAX_FACETS} facets may be asked for at once`;
