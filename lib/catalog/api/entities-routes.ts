import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/auth/audit';
import type { Actor } from '@/lib/auth/permissions';
import { stringifyEntityRef, tryParseEntityRef } from '@/lib/catalog/model';
import {
  getEntitiesByRefs,
  getServedRowByRef,
  getServedRowByUid,
  matchingIds,
  queryServedRows,
  type ProjectedRow,
  type ServedEntity,
  type ServedRow,
  type EntityQuery,
  type SortKey,
} from '@/lib/catalog/queries/served-entities';
import { servedEntityOf, servedJsonOf } from '@/lib/catalog/queries/served-json';
import { catalogCache } from '@/lib/catalog/queries/catalog-cache';
import { predicateSql } from '@/lib/catalog/queries/predicate';
import { deleteEntityByUid, refreshEntity } from '@/lib/catalog/mutations';
import { AppError } from '@/lib/errors';
import { encodeAfterCursor, encodeQueryCursor } from './cursor';
import { countFacets } from './facets';
import { createProjection, parseFieldList, servedPartsOf } from './fields';
import { parseBody } from '@/lib/http/parse-body';
import { parseByQueryParams, parseEntitiesListParams, parseFacetParams, parseFilter, parseFilterAndFields } from './query-params';
import { FIELDS_CAP_MESSAGE, MAX_FIELDS } from './limits';
import { isUuid } from '@/lib/db/uuid';

// The entity endpoints of the catalog API, in Backstage's shapes: route handlers parse nothing
// themselves and pass the request's URL or body here.

/** Largest page when GET /entities is called without `limit` (Backstage then returns everything). */
const UNBOUNDED = 2_147_483_647;

/** Each row's JSON text: the served entity spliced from its stored text, or its `fields` projection. */
function itemsJson(rows: (ServedRow | ProjectedRow)[], fields: string[]): string[] {
  const projection = createProjection(fields);
  // A projection of COLUMN_PATHS only was written by the database (servedPartsOf).
  return rows.map((r) => ('json' in r ? r.json : projection ? JSON.stringify(projection(servedEntityOf(r))) : servedJsonOf(r)));
}

/** GET /entities: the matching entities (each as JSON text), and the Link of the next page when paginating. */
export async function listEntities(url: URL): Promise<{ items: string[]; nextLink?: string }> {
  const p = parseEntitiesListParams(url.searchParams);
  const { rows, totalItems } = await queryServedRows(
    { filter: p.filter, order: p.order, limit: p.limit ?? UNBOUNDED, offset: p.offset },
    servedPartsOf(p.fields),
  );
  let nextLink: string | undefined;
  if (p.limit !== undefined && p.offset + rows.length < totalItems) {
    // As Backstage: same query, `offset` replaced by an `after` cursor.
    const next = new URL(url);
    next.searchParams.delete('offset');
    next.searchParams.set('after', encodeAfterCursor({ limit: p.limit, offset: p.offset + rows.length }));
    nextLink = `<${next.pathname}${next.search}>; rel="next"`;
  }
  return { items: itemsJson(rows, p.fields), nextLink };
}

/** A by-query page; `items` holds each entity's JSON text (pageJson writes the answer). */
export type QueryEntitiesPage = { items: string[]; totalItems: number; pageInfo: { nextCursor?: string; prevCursor?: string } };

/** The answer's JSON text: { items, totalItems, pageInfo } as Backstage writes it. */
export function pageJson(page: QueryEntitiesPage): string {
  return `{"items":[${page.items.join(',')}],"totalItems":${page.totalItems},"pageInfo":${JSON.stringify(page.pageInfo)}}`;
}

/** GET /entities/by-query: one page, with cursors that carry the query to the next/previous page. */
async function queryEntitiesPage(url: URL): Promise<QueryEntitiesPage> {
  const { query, fields } = parseByQueryParams(url.searchParams);
  return queryPage(
    {
      filter: parseFilter(query.filter),
      fullText: query.fullTextFilter,
      order: query.orderFields,
      limit: query.limit,
      offset: query.offset,
      after: query.after,
      totalItems: query.totalItems,
    },
    { fields, includeTotal: query.includeTotal, cursorAt: (at) => encodeQueryCursor({ ...query, ...at }) },
  );
}

/** A GET by-query answer's JSON text, and whether it holds any entity. */
export type QueryAnswer = { json: string; found: boolean };

/**
 * GET by-query answers, kept until the catalog changes (catalogCache: the next commit that writes
 * entities, relations, search rows or processing errors, a minute at most). The same queries come
 * again and again (a catalog table's first page, an entity page's owned or related entities,
 * plugins), and an answer is the same for every reader of the catalog. At most 8 Mi characters in
 * all (a page of 50 whole entities is ~80 K), so a server keeps ~100 such pages.
 */
const keptAnswers = catalogCache<QueryAnswer>('by-query-answers', {
  maxEntries: 1_000,
  maxSize: 8 * 1024 * 1024,
  sizeOf: (answer) => answer.json.length,
});

/** GET /entities/by-query's answer for `url` (its query string is the key of the kept answer). */
export function queryAnswer(url: URL): Promise<QueryAnswer> {
  return keptAnswers(url.search, async () => {
    const page = await queryEntitiesPage(url);
    return { json: pageJson(page), found: page.items.length > 0 };
  });
}

/** Where a cursor's page starts: a next page after the last row's sort key, a previous one at an offset. */
type CursorAt = { offset: number; after?: SortKey; totalItems: number };

/** One page of a by-query request (GET or POST), with the cursors that `cursorAt` encodes. */
export async function queryPage(
  q: EntityQuery,
  page: { fields: string[]; includeTotal: boolean; cursorAt: (at: CursorAt) => string },
): Promise<QueryEntitiesPage> {
  // totalItems=exclude answers 0 without counting.
  const { rows, totalItems, more, lastKey } = await queryServedRows(
    { ...q, totalItems: page.includeTotal ? q.totalItems : 0 },
    servedPartsOf(page.fields),
  );
  const pageInfo: QueryEntitiesPage['pageInfo'] = {};
  if (more) pageInfo.nextCursor = page.cursorAt({ offset: q.offset + rows.length, after: lastKey, totalItems });
  if (q.offset > 0) pageInfo.prevCursor = page.cursorAt({ offset: Math.max(0, q.offset - q.limit), after: undefined, totalItems });
  return { items: itemsJson(rows, page.fields), totalItems, pageInfo };
}

/** GET /entities/by-name/:kind/:namespace/:name (servedJsonOf or servedEntityOf make the answer). */
export async function entityByName(kind: string, namespace: string, name: string): Promise<ServedRow> {
  const entity = await getServedRowByRef(stringifyEntityRef({ kind, namespace, name }));
  if (!entity) throw new AppError('NOT_FOUND', `No entity named '${name}' found, with kind '${kind}' in namespace '${namespace}'`);
  return entity;
}

/** GET /entities/by-uid/:uid */
export async function entityByUid(uid: string): Promise<ServedRow> {
  const entity = await getServedRowByUid(uid);
  if (!entity) throw new AppError('NOT_FOUND', `No entity with uid ${uid}`);
  return entity;
}

const byRefsBodySchema = z.object({
  entityRefs: z
    .array(z.string(), 'entityRefs must be a list of entity refs such as component:default/my-service')
    .max(10_000, 'entityRefs may hold at most 10000 refs'),
  fields: z.array(z.string(), 'fields must be a list of paths such as metadata.name').optional(),
  query: z.record(z.string(), z.unknown(), 'query must be a filter predicate object such as { "kind": "component" }').optional(),
});

/** POST /entities/by-refs: entities in request order, null where missing or filtered out. */
export async function entitiesByRefs(url: URL, body: unknown): Promise<{ items: (object | null)[] }> {
  const input = parseBody(byRefsBodySchema, body);
  const params = parseFilterAndFields(url.searchParams);
  const refs = input.entityRefs.map((r) => {
    const parsed = tryParseEntityRef(r);
    return parsed ? stringifyEntityRef(parsed) : r.toLowerCase();
  });
  // As Backstage: the `filter` parameters and a `query` predicate in the body both apply.
  const predicate = input.query !== undefined ? predicateSql(input.query) : undefined;
  let items = await getEntitiesByRefs(refs);
  if (predicate || params.filter.anyOf.length > 0) {
    const uids = [...new Set(items.filter((e): e is ServedEntity => e !== null).map((e) => e.metadata.uid))];
    const matching = uids.length ? await matchingIds({ filter: params.filter, predicate }, uids) : new Set<string>();
    items = items.map((e) => (e && matching.has(e.metadata.uid) ? e : null));
  }
  const fields = [...params.fields, ...parseFieldList(input.fields ?? [])];
  if (fields.length > MAX_FIELDS) throw new AppError('BAD_REQUEST', FIELDS_CAP_MESSAGE);
  const projection = createProjection(fields);
  return { items: items.map((e) => (e && projection ? projection(e) : e)) };
}

/** GET /entity-facets */
export async function facetsOf(url: URL): Promise<{ facets: Record<string, { value: string; count: number }[]> }> {
  const { facets, filter } = parseFacetParams(url.searchParams);
  return { facets: await countFacets(facets, { filter }) };
}

/** DELETE /entities/by-uid/:uid (the caller checked the permission on `ref`, the entity's ref). */
export async function deleteEntityRequest(uid: string, ref: string, actor: Actor): Promise<void> {
  if (!isUuid(uid)) throw new AppError('NOT_FOUND', `No entity with uid ${uid}`);
  await deleteEntityByUid(uid);
  await recordAudit(actor, { action: 'entity.delete', target: ref, details: { uid, via: 'api' } });
}

const refreshBodySchema = z.object({
  entityRef: z.string('entityRef must be an entity ref such as component:default/my-service').min(1, 'entityRef must not be empty'),
});

/** POST /refresh: re-reads the entity's location now; the new value is stored when this returns. */
export async function refreshEntityRequest(body: unknown, actor: Actor): Promise<void> {
  const { entityRef } = parseBody(refreshBodySchema, body);
  const parsed = tryParseEntityRef(entityRef);
  if (!parsed)
    throw new AppError(
      'BAD_REQUEST',
      `entityRef "${entityRef}" is not an entity ref; use kind:namespace/name, e.g. component:default/my-service`,
    );
  const ref = stringifyEntityRef(parsed);
  await refreshEntity(ref);
  await recordAudit(actor, { action: 'entity.refresh', target: ref, details: { via: 'api' } });
}
