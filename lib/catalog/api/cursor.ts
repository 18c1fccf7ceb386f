import { z } from 'zod';
import { isUuid } from '@/lib/db/uuid';
import { AppError } from '@/lib/errors';
import { MAX_FULL_TEXT_FIELDS, MAX_ORDER_FIELDS } from './limits';

// Cursors are opaque to clients but carry everything needed to continue: the by-query cursor holds
// the whole query (filter, order, full-text filter) plus where the page starts, so a page request needs only
// `cursor` (Backstage's GET /entities/by-query contract). The key `query` is deliberately absent:
// @backstage/catalog-client treats a cursor containing `query` as a predicate (POST) cursor.

const MAX_LIMIT = 10_000;

export const orderFieldSchema = z.object({ field: z.string().min(1), order: z.enum(['asc', 'desc']) });

// What both by-query cursors carry besides the filter.
const pageFields = {
  v: z.literal(1),
  orderFields: z.array(orderFieldSchema).max(MAX_ORDER_FIELDS),
  fullTextFilter: z.object({ term: z.string(), fields: z.array(z.string()).max(MAX_FULL_TEXT_FIELDS).optional() }).optional(),
  offset: z.number().int().min(0),
  limit: z.number().int().min(1).max(MAX_LIMIT),
  includeTotal: z.boolean(),
  /** A next page's start: the sort key of the row before it (EntityQuery.after). */
  after: z.array(z.string().nullable()).optional(),
  /** The first page's count, as Backstage's cursors carry it: later pages do not count again. */
  totalItems: z.number().int().min(0).optional(),
};

/**
 * `after` holds a value for each order field (the name when none is given), then a ref; a uid's
 * value is a UUID, since the query compares it as one.
 */
function afterFitsOrder(c: { orderFields: { field: string }[]; after?: (string | null)[] }): boolean {
  const { after } = c;
  if (after === undefined) return true;
  return (
    after.length === Math.max(1, c.orderFields.length) + 1 &&
    typeof after.at(-1) === 'string' &&
    c.orderFields.every((f, i) => f.field.toLowerCase() !== 'metadata.uid' || after[i] === null || isUuid(after[i]))
  );
}

const queryCursorSchema = z
  .object({
    ...pageFields,
    /** The `filter` parameters exactly as given (re-parsed on each page). */
    filter: z.array(z.string()),
  })
  .refine(afterFitsOrder);

export type QueryCursor = z.infer<typeof queryCursorSchema>;

export function encodeQueryCursor(cursor: QueryCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeQueryCursor(text: string): QueryCursor {
  return decodeWith(queryCursorSchema, text, 'cursor');
}

// POST /entities/by-query: the predicate form. It always holds the key `query` (`{}` matches all),
// which is how @backstage/catalog-client knows to send the next page by POST; standard base64,
// since the client decodes it with atob.
const predicateCursorSchema = z.object({ ...pageFields, query: z.record(z.string(), z.unknown()) }).refine(afterFitsOrder);

export type PredicateCursor = z.infer<typeof predicateCursorSchema>;

export function encodePredicateCursor(cursor: PredicateCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

export function decodePredicateCursor(text: string): PredicateCursor {
  return decodeWith(predicateCursorSchema, text, 'cursor');
}

function decodeWith<S extends z.ZodType>(schema: S, text: string, param: string): z.infer<S> {
  const parsed = schema.safeParse(decodeJson(text));
  if (!parsed.success) throw badCursor(param);
  return parsed.data;
}

// GET /entities `after`: Backstage's form, base64 of {"limit":n,"offset":n}.
const afterCursorSchema = z.object({
  limit: z.number().int().min(1).max(MAX_LIMIT).optional(),
  offset: z.number().int().min(0),
});
export type AfterCursor = z.infer<typeof afterCursorSchema>;

export function encodeAfterCursor(cursor: AfterCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

export function decodeAfterCursor(text: string): AfterCursor {
  return decodeWith(afterCursorSchema, text, 'after');
}

// POST /locations/by-query: registered locations after `afterId`, with the predicate they match.
const locationCursorSchema = z.object({
  limit: z.number().int().min(1),
  afterId: z.string().optional(),
  query: z.record(z.string(), z.unknown()).optional(),
});
export type LocationCursor = z.infer<typeof locationCursorSchema>;

export function encodeLocationCursor(cursor: LocationCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

export function decodeLocationCursor(text: string): LocationCursor {
  return decodeWith(locationCursorSchema, text, 'cursor');
}

function decodeJson(text: string): unknown {
  // Node's base64 decoders accept both the standard and the URL-safe alphabet.
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  try {
    return JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

function badCursor(param: string): AppError {
  return new AppError('BAD_REQUEST', `${param} is malformed: pass a cursor exactly as a previous response returned it`);
}
