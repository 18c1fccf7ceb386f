import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { parseBody } from '@/lib/http/parse-body';
import { matchPredicate, parsePredicate, predicateKeys } from '@/lib/catalog/queries/predicate';
import { decodeLocationCursor, encodeLocationCursor, type LocationCursor } from './cursor';
import { toApiLocation, type ApiLocation } from './locations-routes';

// POST /locations/by-query (Backstage's GetLocationsByQuery): registered locations ordered by id,
// paged by an `afterId` cursor, filtered by a predicate over id, type, target and entityRef, read by
// the catalog's one predicate reader (case-insensitive equality, $in, $exists, $hasPrefix; an empty
// $all matches every location, as in Backstage; $contains matches nothing since no location field
// is a list). Registered locations are few (one per registration), so the predicate is evaluated here.

const DEFAULT_LIMIT = 1000;

const locationsByQueryBodySchema = z.object({
  cursor: z.string().min(1, 'cursor cannot be empty').optional(),
  limit: z
    .number('limit must be a positive integer')
    .int('limit must be a positive integer')
    .min(1, 'limit must be a positive integer')
    .optional(),
  query: z.record(z.string(), z.unknown(), 'query must be a filter predicate object such as { "type": "url" }').optional(),
});

export type LocationsPage = { items: ApiLocation[]; totalItems: number; pageInfo: { nextCursor?: string } };

const FIELDS: Record<string, keyof ApiLocation> = { id: 'id', type: 'type', target: 'target', entityref: 'entityRef' };

export async function queryLocations(body: unknown): Promise<LocationsPage> {
  const input = parseBody(locationsByQueryBodySchema, body ?? {});
  const request: LocationCursor =
    input.cursor !== undefined ? decodeLocationCursor(input.cursor) : { limit: input.limit ?? DEFAULT_LIMIT, query: input.query };
  // Read and checked before any row is read: a malformed predicate or a key locations lack is a 400.
  const predicate = request.query ? parsePredicate(request.query) : null;
  const unknownKey = predicate && predicateKeys(predicate).find((k) => !FIELDS[k]);
  if (unknownKey)
    throw new AppError(
      'BAD_REQUEST',
      `Invalid filter predicate: expected key to be 'id', 'type', 'target', or 'entityRef', got '${unknownKey}'`,
    );
  const rows = await (
    await getPrisma()
  ).location.findMany({ where: { origin: 'api' }, select: { id: true, type: true, target: true }, orderBy: { id: 'asc' } });
  const matching = rows.map(toApiLocation).filter((l) => !predicate || matchPredicate(predicate, (key) => l[FIELDS[key]]));
  const after = request.afterId;
  const rest = after === undefined ? matching : matching.filter((l) => l.id > after);
  const items = rest.slice(0, request.limit);
  const nextCursor =
    rest.length > request.limit
      ? encodeLocationCursor({ limit: request.limit, afterId: items[items.length - 1].id, query: request.query })
      : undefined;
  return { items, totalItems: matching.length, pageInfo: nextCursor ? { nextCursor } : {} };
}
