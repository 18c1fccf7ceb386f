import { z } from 'zod';
import { parseFilterParams, type EntityFilter } from '@/lib/catalog/queries/filter';
import type { OrderField } from '@/lib/catalog/queries/served-entities';
import { AppError } from '@/lib/errors';
import { decodeAfterCursor, decodeQueryCursor, type QueryCursor } from './cursor';
import { parseFieldList } from './fields';
import {
  FACETS_CAP_MESSAGE,
  FIELDS_CAP_MESSAGE,
  FILTER_CAP_MESSAGE,
  FILTER_PARAM_CAP_MESSAGE,
  FULL_TEXT_FIELDS_CAP_MESSAGE,
  MAX_CONDITIONS_PER_FILTER,
  MAX_FACETS,
  MAX_FIELDS,
  MAX_FILTER_CONDITIONS,
  MAX_FULL_TEXT_FIELDS,
  MAX_ORDER_FIELDS,
  ORDER_CAP_MESSAGE,
} from './limits';

// Query-string parsing for the catalog API, with Backstage's parameter names and forms. Every
// message names the parameter and says what a valid value looks like.

export const MAX_LIMIT = 10_000;
/** Backstage's page size for /entities/by-query when `limit` is not given. */
export const DEFAULT_QUERY_LIMIT = 20;
const MAX_OFFSET = 2_147_483_647;

const once = (name: string) =>
  z
    .array(z.string())
    .max(1, `${name} may be given only once`)
    .transform((a): string | undefined => a[0]);

function intParam(name: string, min: number, max: number) {
  const msg = max === MAX_OFFSET ? `${name} must be an integer of ${min} or more` : `${name} must be an integer from ${min} to ${max}`;
  return once(name).pipe(
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, msg)
      .transform(Number)
      .pipe(z.number().int(msg).min(min, msg).max(max, msg))
      .optional(),
  );
}

const filterParam = z.array(
  z.string().refine((f) => f.split(',').every((part) => !part.trim().startsWith('=')), {
    error: (issue) =>
      `filter ${JSON.stringify(issue.input)} is invalid: give comma-separated conditions of the form key=value or key (e.g. kind=component,spec.type=service)`,
  }),
);

const fieldsParam = z
  .array(z.string())
  .transform(parseFieldList)
  .refine(
    (fields) => !fields.some((f) => f.includes('[')),
    'fields must be dotted paths such as metadata.name; array indexes are not supported',
  )
  .refine((fields) => fields.length <= MAX_FIELDS, FIELDS_CAP_MESSAGE);

/** The `filter` parameters (a query's, or a cursor's), refused beyond the caps on their conditions. */
export function parseFilter(params: string[]): EntityFilter {
  const filter = parseFilterParams(params);
  if (filter.anyOf.some((a) => a.allOf.length > MAX_CONDITIONS_PER_FILTER)) throw new AppError('BAD_REQUEST', FILTER_PARAM_CAP_MESSAGE);
  const conditions = filter.anyOf.reduce((n, a) => n + a.allOf.length, 0);
  if (conditions > MAX_FILTER_CONDITIONS) throw new AppError('BAD_REQUEST', FILTER_CAP_MESSAGE);
  return filter;
}

const ORDER_HINT = 'asc:<field> or desc:<field>, e.g. asc:metadata.name';
const orderParam = z
  .array(
    z
      .string()
      .regex(/^(asc|desc):.+$/, { error: (issue) => `order ${JSON.stringify(issue.input)} must be ${ORDER_HINT}` })
      .transform((s): OrderField => ({ order: s.slice(0, s.indexOf(':')) as 'asc' | 'desc', field: s.slice(s.indexOf(':') + 1).trim() })),
  )
  .max(MAX_ORDER_FIELDS, ORDER_CAP_MESSAGE);

const orderFieldParam = z
  .array(
    z
      .string()
      .regex(/^[^,]+(,(asc|desc))?$/, {
        error: (issue) => `orderField ${JSON.stringify(issue.input)} must be <field>,asc or <field>,desc, e.g. metadata.name,asc`,
      })
      .transform((s): OrderField => {
        const [field, order = 'asc'] = s.split(',');
        return { field: field.trim(), order: order as 'asc' | 'desc' };
      }),
  )
  .max(MAX_ORDER_FIELDS, `orderField may name at most ${MAX_ORDER_FIELDS} fields`);

/** Collects each named parameter's values (all of them: repeats are checked by the schema). */
function collect(search: URLSearchParams, names: string[]): Record<string, string[]> {
  return Object.fromEntries(names.map((n) => [n, search.getAll(n)]));
}

function parseWith<S extends z.ZodObject>(schema: S, search: URLSearchParams): z.infer<S> {
  const parsed = schema.safeParse(collect(search, Object.keys(schema.shape)));
  if (!parsed.success) throw new AppError('BAD_REQUEST', formatIssues(parsed.error));
  return parsed.data;
}

export function formatIssues(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => i.message))].join('; ');
}

const entitiesListSchema = z.object({
  filter: filterParam,
  fields: fieldsParam,
  order: orderParam,
  limit: intParam('limit', 1, MAX_LIMIT),
  offset: intParam('offset', 0, MAX_OFFSET),
  after: once('after'),
});

export type EntitiesListParams = { filter: EntityFilter; fields: string[]; order: OrderField[]; limit?: number; offset: number };

/** GET /entities: `filter`, `fields`, `order`, and `limit`/`offset` or an `after` cursor. */
export function parseEntitiesListParams(search: URLSearchParams): EntitiesListParams {
  const p = parseWith(entitiesListSchema, search);
  let { limit, offset = 0 } = p;
  if (p.after !== undefined) {
    const cursor = decodeAfterCursor(p.after);
    offset = cursor.offset;
    limit = limit ?? cursor.limit;
  }
  return { filter: parseFilter(p.filter), fields: p.fields, order: p.order, limit, offset };
}

const byQuerySchema = z.object({
  filter: filterParam,
  fields: fieldsParam,
  orderField: orderFieldParam,
  limit: intParam('limit', 1, MAX_LIMIT),
  offset: intParam('offset', 0, MAX_OFFSET),
  cursor: once('cursor'),
  totalItems: once('totalItems').pipe(z.enum(['include', 'exclude'], 'totalItems must be include or exclude').optional()),
  fullTextFilterTerm: once('fullTextFilterTerm'),
  fullTextFilterFields: z
    .array(z.string())
    .transform(parseFieldList)
    .refine((f) => f.length <= MAX_FULL_TEXT_FIELDS, FULL_TEXT_FIELDS_CAP_MESSAGE),
});

/** GET /entities/by-query: a first-page query, or a `cursor` that carries the query. */
export function parseByQueryParams(search: URLSearchParams): { query: QueryCursor; fields: string[] } {
  const p = parseWith(byQuerySchema, search);
  if (p.cursor !== undefined) {
    const cursor = decodeQueryCursor(p.cursor);
    return { query: { ...cursor, limit: p.limit ?? cursor.limit }, fields: p.fields };
  }
  const term = p.fullTextFilterTerm?.trim();
  return {
    query: {
      v: 1,
      filter: p.filter,
      orderFields: p.orderField,
      fullTextFilter: term ? { term, fields: p.fullTextFilterFields.length ? p.fullTextFilterFields : undefined } : undefined,
      offset: p.offset ?? 0,
      limit: p.limit ?? DEFAULT_QUERY_LIMIT,
      includeTotal: p.totalItems !== 'exclude',
    },
    fields: p.fields,
  };
}

const facetsSchema = z.object({
  facet: z
    .array(z.string().trim().min(1, 'facet must not be empty'))
    .min(1, 'facet is required: give one or more, e.g. facet=kind&facet=spec.type')
    .max(MAX_FACETS, FACETS_CAP_MESSAGE),
  filter: filterParam,
});

/** GET /entity-facets: `facet` (repeatable) and `filter`. */
export function parseFacetParams(search: URLSearchParams): { facets: string[]; filter: EntityFilter } {
  const p = parseWith(facetsSchema, search);
  return { facets: [...new Set(p.facet)], filter: parseFilter(p.filter) };
}

/** `filter` and `fields` query parameters alone (POST /entities/by-refs). */
export function parseFilterAndFields(search: URLSearchParams): { filter: EntityFilter; fields: string[] } {
  const p = parseWith(z.object({ filter: filterParam, fields: fieldsParam }), search);
  return { filter: parseFilter(p.filter), fields: p.fields };
}
