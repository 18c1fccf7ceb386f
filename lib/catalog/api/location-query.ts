import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { toApiLocation, type ApiLocation } from './locations-routes';
import { parseBody } from './query-params';

// POST /locations/by-query (Backstage's GetLocationsByQuery): registered locations ordered by id,
// paged by an `afterId` cursor, filtered by a predicate over id, type, target and entityRef with
// the semantics of DefaultLocationStore's applyLocationFilterToQuery (case-insensitive equality,
// $in, $exists, $hasPrefix; $contains matches nothing since no location field is an array).
// Registered locations are few (one per registration), so the predicate is evaluated here.

const DEFAULT_LIMIT = 1000;

const cursorSchema = z.object({ limit: z.number().int().min(1), afterId: z.string().optional(), query: z.record(z.string(), z.unknown()).optional() });
type LocationCursor = z.infer<typeof cursorSchema>;

export const locationsByQueryBodySchema = z.object({
  cursor: z.string().min(1, 'cursor cannot be empty').optional(),
  limit: z.number('limit must be a positive integer').int('limit must be a positive integer').min(1, 'limit must be a positive integer').optional(),
  query: z.record(z.string(), z.unknown(), 'query must be a filter predicate object such as { "type": "url" }').optional(),
});

export type LocationsPage = { items: ApiLocation[]; totalItems: number; pageInfo: { nextCursor?: string } };

export async function queryLocations(body: unknown): Promise<LocationsPage> {
  const input = parseBody(locationsByQueryBodySchema, body ?? {});
  const request: LocationCursor = input.cursor !== undefined ? decodeCursor(input.cursor) : { limit: input.limit ?? DEFAULT_LIMIT, query: input.query };
  if (request.query) matchLocation(request.query, { id: '', type: '', target: '', entityRef: '' }); // 400 before reading
  const rows = await (await getPrisma()).location.findMany({ where: { origin: 'api' }, select: { id: true, type: true, target: true }, orderBy: { id: 'asc' } });
  const matching = rows.map(toApiLocation).filter((l) => !request.query || matchLocation(request.query, l));
  const after = request.afterId;
  const rest = after === undefined ? matching : matching.filter((l) => l.id > after);
  const items = rest.slice(0, request.limit);
  const nextCursor = rest.length > request.limit ? encodeCursor({ limit: request.limit, afterId: items[items.length - 1].id, query: request.query }) : undefined;
  return { items, totalItems: matching.length, pageInfo: nextCursor ? { nextCursor } : {} };
}

function encodeCursor(cursor: LocationCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64');
}

function decodeCursor(text: string): LocationCursor {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64').toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', 'Malformed cursor, unknown encoding: pass a cursor exactly as a previous response returned it');
  }
  const parsed = cursorSchema.safeParse(json);
  if (!parsed.success) throw new AppError('BAD_REQUEST', 'Malformed cursor: pass a cursor exactly as a previous response returned it');
  return parsed.data;
}

const FIELDS: Record<string, keyof ApiLocation> = { id: 'id', type: 'type', target: 'target', entityref: 'entityRef' };
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
const bad = (message: string) => new AppError('BAD_REQUEST', `Invalid filter predicate, ${message}`);

/** Whether the location matches; throws a 400 for a malformed predicate (checked whole, not lazily). */
export function matchLocation(query: unknown, loc: ApiLocation): boolean {
  if (!isObject(query)) throw bad('expected an object');
  if ('$all' in query || '$any' in query) {
    const list = (query.$all ?? query.$any) as unknown;
    if (!Array.isArray(list)) throw bad('$all and $any take an array of predicates');
    const results = list.map((q) => matchLocation(q, loc));
    if (list.length === 0) return false;
    return '$all' in query ? results.every(Boolean) : results.some(Boolean);
  }
  if ('$not' in query) return !matchLocation(query.$not, loc);
  const keys = Object.keys(query);
  if (keys.some((k) => k.startsWith('$'))) throw bad(`unknown logic operator '${keys.join(', ')}'`);
  return Object.entries(query)
    .map(([key, value]) => {
      const field = FIELDS[key.toLowerCase()];
      if (!field) throw bad(`expected key to be 'id', 'type', 'target', or 'entityRef', got '${key}'`);
      return matchValue(loc[field], value);
    })
    .every(Boolean);
}

function matchValue(actual: string, value: unknown): boolean {
  const upper = actual.toUpperCase();
  if (isPrimitive(value)) return upper === String(value).toUpperCase();
  if (!isObject(value)) throw bad(`expected value to be a primitive value or a matcher object, got '${typeof value}'`);
  if ('$exists' in value) return Boolean(value.$exists);
  if ('$in' in value && Array.isArray(value.$in) && value.$in.every(isPrimitive)) return value.$in.some((v) => upper === String(v).toUpperCase());
  if ('$hasPrefix' in value && typeof value.$hasPrefix === 'string') return upper.startsWith(value.$hasPrefix.toUpperCase());
  if ('$contains' in value) return false;
  throw bad(`got unknown matcher object '${JSON.stringify(value)}'`);
}
