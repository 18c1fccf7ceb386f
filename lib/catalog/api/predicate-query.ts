import 'server-only';
import { z } from 'zod';
import { EMPTY_FILTER } from '@/lib/catalog/queries/filter';
import { predicateSql } from '@/lib/catalog/queries/predicate';
import { decodePredicateCursor, encodePredicateCursor, orderFieldSchema, type PredicateCursor } from './cursor';
import { queryPage, type QueryEntitiesPage } from './entities-routes';
import { countFacets, type FacetCounts } from './facets';
import { parseFieldList } from './fields';
import { parseBody } from '@/lib/http/parse-body';
import { DEFAULT_QUERY_LIMIT, MAX_LIMIT } from './query-params';
import {
  FACETS_CAP_MESSAGE,
  FIELDS_CAP_MESSAGE,
  FULL_TEXT_FIELDS_CAP_MESSAGE,
  MAX_FACETS,
  MAX_FIELDS,
  MAX_FULL_TEXT_FIELDS,
  MAX_ORDER_FIELDS,
} from './limits';

// The predicate forms of the entity queries (Backstage's QueryEntitiesByPredicate and
// QueryEntityFacetsByPredicate): the filter is a `query` predicate in a JSON body.

const predicateSchema = z.record(z.string(), z.unknown(), 'query must be a filter predicate object such as { "kind": "component" }');
const limitSchema = z
  .number(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  .int(`limit must be an integer from 1 to ${MAX_LIMIT}`)
  .min(1, `limit must be an integer from 1 to ${MAX_LIMIT}`)
  .max(MAX_LIMIT, `limit must be an integer from 1 to ${MAX_LIMIT}`);

const queryByPredicateBodySchema = z.object({
  cursor: z.string().min(1, 'cursor cannot be empty').optional(),
  limit: limitSchema.optional(),
  offset: z
    .number('offset must be an integer of 0 or more')
    .int('offset must be an integer of 0 or more')
    .min(0, 'offset must be an integer of 0 or more')
    .optional(),
  orderBy: z
    .array(orderFieldSchema, 'orderBy must be a list of { field, order: "asc" | "desc" }')
    .max(MAX_ORDER_FIELDS, `orderBy may name at most ${MAX_ORDER_FIELDS} fields`)
    .optional(),
  fullTextFilter: z
    .object(
      { term: z.string().optional(), fields: z.array(z.string()).max(MAX_FULL_TEXT_FIELDS, FULL_TEXT_FIELDS_CAP_MESSAGE).optional() },
      'fullTextFilter must be { term, fields? }',
    )
    .optional(),
  fields: z
    .array(z.string(), 'fields must be a list of paths such as metadata.name')
    .transform(parseFieldList)
    .refine((f) => f.length <= MAX_FIELDS, FIELDS_CAP_MESSAGE)
    .optional(),
  totalItems: z.enum(['include', 'exclude'], 'totalItems must be include or exclude').optional(),
  query: predicateSchema.optional(),
});

/** POST /entities/by-query: a first page from the body's query, or the page a `cursor` names. */
export async function queryEntitiesByPredicate(body: unknown): Promise<QueryEntitiesPage> {
  const input = parseBody(queryByPredicateBodySchema, body ?? {});
  let cursor: PredicateCursor;
  if (input.cursor !== undefined) {
    const decoded = decodePredicateCursor(input.cursor);
    cursor = { ...decoded, limit: input.limit ?? decoded.limit };
  } else {
    const term = input.fullTextFilter?.term?.trim();
    cursor = {
      v: 1,
      query: input.query ?? {},
      orderFields: input.orderBy ?? [],
      fullTextFilter: term ? { term, fields: input.fullTextFilter?.fields?.length ? input.fullTextFilter.fields : undefined } : undefined,
      offset: input.offset ?? 0,
      limit: input.limit ?? DEFAULT_QUERY_LIMIT,
      includeTotal: input.totalItems !== 'exclude',
    };
  }
  return queryPage(
    {
      filter: EMPTY_FILTER,
      predicate: predicateSql(cursor.query),
      fullText: cursor.fullTextFilter,
      order: cursor.orderFields,
      limit: cursor.limit,
      offset: cursor.offset,
      after: cursor.after,
      totalItems: cursor.totalItems,
    },
    {
      fields: input.fields ?? [],
      includeTotal: cursor.includeTotal,
      cursorAt: (at) => encodePredicateCursor({ ...cursor, ...at }),
    },
  );
}

const facetsByPredicateBodySchema = z.object({
  facets: z
    .array(z.string(), 'facets is required: a list of paths such as ["kind", "spec.type"]')
    .transform((f) => [...new Set(f.filter((x) => x.length > 0))])
    .refine((f) => f.length > 0, 'facets is required: give one or more paths, e.g. ["kind", "spec.type"]')
    .refine((f) => f.length <= MAX_FACETS, FACETS_CAP_MESSAGE),
  query: predicateSchema.optional(),
});

/** POST /entity-facets: value counts among the entities the body's `query` matches. */
export async function facetsByPredicate(body: unknown): Promise<{ facets: FacetCounts }> {
  const input = parseBody(facetsByPredicateBodySchema, body);
  const predicate = input.query ? predicateSql(input.query) : undefined;
  return { facets: await countFacets(input.facets, { filter: EMPTY_FILTER, predicate }) };
}
