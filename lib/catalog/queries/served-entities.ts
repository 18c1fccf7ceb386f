import 'server-only';
import { createHash } from 'node:crypto';
import { Prisma } from '@/generated/prisma/client';
import { getDb } from '@/lib/db/client';
import { isUuid } from '@/lib/db/uuid';
import { catalogCache } from './catalog-cache';
import { filterSql, fullTextSql, keySource, type EntityFilter } from './filter';
import { sumKindCounts, type KeptSelection } from './facet-counts';
import { COLUMN_PATHS, servedEntityOf, type ServedEntity, type ServedRow } from './served-json';

// Reading entities as Backstage serves them (served-json.ts): the stored envelope plus
// metadata.uid/etag, the relations (incoming ones included: they are stored with both directions),
// and processing errors in status.items, the way Backstage's catalog reports them.

export type { ServedEntity, ServedRow, StoredError } from './served-json';

/**
 * What a served row carries: the whole entity, whose relations and errors a `fields` projection may
 * not need, or (`columns`) a projection of COLUMN_PATHS only, which the database writes as JSON text
 * from the entity's columns without its body (ProjectedRow).
 */
export type ServedParts = EntityParts | { columns: string[] };
type EntityParts = { relations: boolean; errors: boolean };
const ALL_PARTS: EntityParts = { relations: true, errors: true };

/** A row of a `columns` projection: its JSON text as `JSON.stringify(createProjection(columns)(servedEntityOf(row)))` writes it. */
export type ProjectedRow = { id: string; json: string };

/**
 * The columns of a served row for an `e` row: the body's stored text, and its relations and errors
 * (or constants where a `fields` projection needs neither): every read serves its entities in one
 * statement (a second one for them cost a round trip per page, and Prisma a JavaScript object per
 * relation row).
 */
function servedColumns(parts: ServedParts = ALL_PARTS): Prisma.Sql {
  if ('columns' in parts) return Prisma.raw(`e."id"::text AS id, ${projectionJson(parts.columns)} AS json`);
  return Prisma.raw(
    `e."id"::text AS id, e."ref", e."etag", e."body"::text AS body, ${parts.relations ? `${RELATIONS} AS relations` : `NULL AS relations`}, ${parts.errors ? ERRORS : 'NULL AS errors'}`,
  );
}

// The JSON text of the metadata values among COLUMN_PATHS, for an `e` row.
const METADATA_JSON: Record<string, string> = {
  name: `to_json(e."name")::text`,
  namespace: `to_json(e."namespace")::text`,
  uid: `to_json(e."id")::text`,
  etag: `to_json(e."etag")::text`,
};

/**
 * The projection's JSON text as an SQL expression, keys in the order the paths first name them. A
 * page of 1,000 such rows (the whole catalog listed with its relations) cost the server ~23 ms of
 * CPU when it was assembled from seven columns a row, a third of it collecting their strings.
 */
function projectionJson(columns: string[]): string {
  // The keys are written into the statement: only the fixed paths may reach it.
  const unknown = columns.find((f) => !COLUMN_PATHS.has(f));
  if (unknown !== undefined) throw new Error(`not a column path: ${unknown}`);
  const top: string[] = [];
  const metadata: string[] = [];
  for (const [head, key] of columns.map((f) => f.split('.'))) {
    if (!top.includes(head)) top.push(head);
    if (key && !metadata.includes(key)) metadata.push(key);
  }
  const value: Record<string, string> = {
    kind: `to_json(e."kind")::text`,
    relations: RELATIONS,
    metadata: `'{' || ${metadata.map((k, i) => `'${i ? ',' : ''}"${k}":' || ${METADATA_JSON[k]}`).join(' || ')} || '}'`,
  };
  return `'{' || ${top.map((k, i) => `'${i ? ',' : ''}"${k}":' || ${value[k]}`).join(' || ')} || '}'`;
}

/**
 * Rows of a composed query, read on the driver (Prisma's raw results cost more to convert); `name`
 * prepares it (QueryFn): the lookups by key, whose text is fixed, are planned once per connection
 * (by-name: 0.40 → 0.16 ms of PostgreSQL's time).
 */
async function readRows<R>(sql: Prisma.Sql, name?: string): Promise<R[]> {
  const { driver } = await getDb();
  return (await driver.query<R>(sql.text, sql.values, name)).rows;
}

// An entity's relations (distinct: both ends of a pair may store the same row) as compact JSON text,
// as JSON.stringify writes it (served-json.ts splices it in), and its errors as JSON, for an
// `e."ref"` in scope. by-name and by-uid are the catalog API's hottest reads: one statement each.
const RELATIONS = `
  COALESCE((SELECT '[' || string_agg('{"type":' || to_json(r."type")::text || ',"targetRef":' || to_json(r."targetRef")::text || '}', ',' ORDER BY r."type", r."targetRef") || ']'
            FROM (SELECT DISTINCT "type", "targetRef" FROM "Relation" WHERE "sourceRef" = e."ref") r), '[]')`;
const ERRORS = `
  (SELECT json_agg(json_build_object('file', p."file", 'line', p."line", 'column', p."column", 'code', p."code", 'message', p."message") ORDER BY p."createdAt")
     FROM "ProcessingError" p WHERE p."entityRef" = e."ref") AS errors`;

async function getOneRow(where: Prisma.Sql, name: string): Promise<ServedRow | null> {
  return (await readRows<ServedRow>(Prisma.sql`SELECT ${servedColumns()} FROM "Entity" e WHERE ${where}`, name))[0] ?? null;
}

export function getServedRowByRef(ref: string): Promise<ServedRow | null> {
  return getOneRow(Prisma.sql`e."ref" = ${ref.toLowerCase()}`, 'served-entity-by-ref');
}

export async function getServedRowByUid(uid: string): Promise<ServedRow | null> {
  return isUuid(uid) ? getOneRow(Prisma.sql`e."id" = ${uid}::uuid`, 'served-entity-by-uid') : null;
}

export async function getEntityByRef(ref: string): Promise<ServedEntity | null> {
  const row = await getServedRowByRef(ref);
  return row && servedEntityOf(row);
}

/** Entities for the given refs, in the same order, null where absent (Backstage's by-refs). */
export async function getEntitiesByRefs(refs: string[]): Promise<(ServedEntity | null)[]> {
  const lower = refs.map((r) => r.toLowerCase());
  const rows = await readRows<ServedRow>(
    Prisma.sql`SELECT ${servedColumns()} FROM "Entity" e WHERE e."ref" = ANY(${lower})`,
    'served-entities-by-refs',
  );
  const found = new Map(rows.map((r) => [r.ref, servedEntityOf(r)]));
  return lower.map((r) => found.get(r) ?? null);
}

export type OrderField = { field: string; order: 'asc' | 'desc' };
export type EntityQuery = {
  filter: EntityFilter;
  /** A filter predicate already translated to SQL (predicateSql), AND'ed with `filter`. */
  predicate?: Prisma.Sql;
  fullText?: { term: string; fields?: string[] };
  order?: OrderField[];
  limit: number;
  offset: number;
  /**
   * Where the page starts instead of `offset` (a next-page cursor's): the sort key of the row before
   * it. Skipping `offset` rows made each page of a listing cost as much as every page before it.
   */
  after?: SortKey;
  /** The number of matches when it is already known (a cursor's): not counted again. */
  totalItems?: number;
};

/** A row's values of the query's order expressions, then its ref (json_build_array's text parsed). */
export type SortKey = (string | null)[];

const ORDER_COLUMNS: Record<string, Prisma.Sql> = {
  'metadata.name': Prisma.sql`lower(e."name")`,
  'metadata.title': Prisma.sql`lower(coalesce(e."title", e."name"))`,
  'metadata.namespace': Prisma.sql`lower(e."namespace")`,
  kind: Prisma.sql`lower(e."kind")`,
  'spec.type': Prisma.sql`lower(e."specType")`,
  'spec.lifecycle': Prisma.sql`lower(e."lifecycle")`,
  'spec.owner': Prisma.sql`e."owner"`,
  'spec.system': Prisma.sql`e."system"`,
  'metadata.uid': Prisma.sql`e."id"`,
};

// Order keys whose expression is never null (the default order's among them).
const NOT_NULL_ORDER_KEYS = new Set(['metadata.name', 'metadata.namespace', 'kind', 'metadata.uid']);

type OrderPart = { expr: Prisma.Sql; desc: boolean; uuid: boolean; notNull: boolean };

function orderParts(order: OrderField[] | undefined): OrderPart[] {
  return (order?.length ? order : [{ field: 'metadata.name', order: 'asc' as const }]).map(({ field, order: dir }) => {
    const key = field.toLowerCase();
    const source = keySource(key);
    const expr =
      ORDER_COLUMNS[key] ??
      (source.kind === 'relation'
        ? Prisma.sql`(SELECT min(r."targetRef") FROM "Relation" r WHERE r."sourceRef" = e."ref" AND r."type" = ${source.type})`
        : Prisma.sql`(SELECT min(nullif(s."value", '')) FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${key})`);
    return { expr, desc: dir === 'desc', uuid: key === 'metadata.uid', notNull: NOT_NULL_ORDER_KEYS.has(key) };
  });
}

function orderSql(parts: OrderPart[]): Prisma.Sql {
  return Prisma.join(
    [...parts.map((p) => Prisma.sql`${p.expr} ${Prisma.raw(p.desc ? 'DESC' : 'ASC')} NULLS LAST`), Prisma.sql`e."ref" ASC`],
    ', ',
  );
}

/** An `e` row's sort key as JSON text. */
function sortKeySql(parts: OrderPart[]): Prisma.Sql {
  return Prisma.sql`json_build_array(${Prisma.join([...parts.map((p) => p.expr), Prisma.sql`e."ref"`])})::text`;
}

/**
 * The rows after `key` (a value for each part, then a ref: the cursor's schema checks its shape) in
 * the order of `parts`, then ref (nulls last either way). When every part ascends over values never
 * null (the default order: name, then ref) it is one row comparison, which the name index answers
 * from where the previous page ended.
 */
function afterSql(parts: OrderPart[], key: SortKey): Prisma.Sql {
  const ref = key[parts.length];
  const value = (p: OrderPart, v: string) => (p.uuid ? Prisma.sql`${v}::uuid` : Prisma.sql`${v}::text`);
  if (parts.every((p, i) => !p.desc && p.notNull && key[i] !== null)) {
    const exprs = Prisma.join([...parts.map((p) => p.expr), Prisma.sql`e."ref"`]);
    return Prisma.sql`(${exprs}) > (${Prisma.join([...parts.map((p, i) => value(p, key[i]!)), Prisma.sql`${ref}::text`])})`;
  }
  // Lexicographically: equal on the parts before one and after it on that one, or equal on all and a later ref.
  const alternatives: Prisma.Sql[] = [];
  const equal: Prisma.Sql[] = [];
  parts.forEach((p, i) => {
    const v = key[i];
    if (v !== null) {
      const later = Prisma.sql`(${p.expr} ${Prisma.raw(p.desc ? '<' : '>')} ${value(p, v)} OR ${p.expr} IS NULL)`;
      alternatives.push(Prisma.join([...equal, later], ' AND '));
    }
    equal.push(v === null ? Prisma.sql`${p.expr} IS NULL` : Prisma.sql`${p.expr} = ${value(p, v)}`);
  });
  alternatives.push(Prisma.join([...equal, Prisma.sql`e."ref" > ${ref}::text`], ' AND '));
  return Prisma.sql`(${Prisma.join(
    alternatives.map((a) => Prisma.sql`(${a})`),
    ' OR ',
  )})`;
}

export function whereSql(q: Pick<EntityQuery, 'filter' | 'predicate' | 'fullText'>): Prisma.Sql {
  return Prisma.sql`${filterSql(q.filter)} AND ${q.predicate ?? Prisma.sql`TRUE`} AND ${fullTextSql(q.fullText?.term, q.fullText?.fields)}`;
}

/**
 * The ids among `ids` of the entities matching the filter and predicate (by-refs keeps the refs
 * whose entity is one). The ids are one array parameter: as a condition of the filter they were
 * repeated in each alternative, one parameter each (10,000 refs and 7 filters passed PostgreSQL's
 * 65,535 bind parameters).
 */
export async function matchingIds(q: Pick<EntityQuery, 'filter' | 'predicate'>, ids: string[]): Promise<Set<string>> {
  const rows = await readRows<{ id: string }>(
    Prisma.sql`SELECT e."id"::text AS id FROM "Entity" e WHERE e."id" = ANY(${ids}::uuid[]) AND ${whereSql(q)}`,
  );
  return new Set(rows.map((r) => r.id));
}

/**
 * A page's ids (`page`) joined to their rows (`e`). Up to this many, each row is fetched through the
 * primary key: the planner otherwise joins a page of 1,000 by hashing the whole table (a sequential
 * scan of every entity: 48 ms for a page at 10,000 components, 28 ms by key, `EXPLAIN ANALYZE`); the
 * `OFFSET 0` keeps it from flattening the lateral subquery back into that join.
 */
const BY_KEY_MAX_ROWS = 10_000;

function pageRows(limit: number): Prisma.Sql {
  return limit <= BY_KEY_MAX_ROWS
    ? Prisma.sql`page CROSS JOIN LATERAL (SELECT * FROM "Entity" e WHERE e."id" = page."id" OFFSET 0) e`
    : Prisma.sql`page JOIN "Entity" e ON e."id" = page."id"`;
}

/**
 * How many entities match a query, kept until the catalog changes (catalog-cache.ts): a first page
 * counts every match (1.3 ms of PostgreSQL for `kind=component,spec.type=service` at 10,000
 * components), and clients ask for the same few again.
 */
const keptCounts = catalogCache<number>('entity-counts', { maxEntries: 1_000 });

// Filter keys of the facets whose sums are kept, that hold one value an entity (a Map: keys come
// from requests, and an object would answer `constructor`).
const KEPT_FACET_KEYS = new Map<string, NonNullable<KeptSelection['facet']>['param']>([
  ['spec.type', 'type'],
  ['spec.lifecycle', 'lifecycle'],
  ['metadata.namespace', 'namespace'],
]);

/**
 * What a query selects if the sums the database keeps as it writes entities can count it (undefined:
 * they cannot): some kinds or all, and some values of one more facet (facet-counts.ts).
 */
export function keptSelection(q: Pick<EntityQuery, 'filter' | 'predicate' | 'fullText'>): KeptSelection | undefined {
  if (q.predicate || q.fullText?.term.trim() || q.filter.anyOf.length > 1) return undefined;
  const selection: KeptSelection = { kinds: null };
  for (const c of q.filter.anyOf[0]?.allOf ?? []) {
    if (c.negate || !c.values) return undefined;
    const key = c.key.toLowerCase();
    const values = c.values.map((v) => v.toLowerCase());
    const param = KEPT_FACET_KEYS.get(key);
    if (key === 'kind' && !selection.kinds) selection.kinds = values;
    else if (param && !selection.facet) selection.facet = { param, values };
    else return undefined;
  }
  return selection;
}

/**
 * How many entities match a query (kept until the catalog changes, as a page's count is): those of
 * whole kinds, or of kinds and a type, lifecycle or namespace, are sums of the kept counts.
 */
export function countEntities(q: Pick<EntityQuery, 'filter' | 'predicate' | 'fullText'>, where?: Prisma.Sql): Promise<number> {
  const selection = keptSelection(q);
  if (selection) {
    return keptCounts(JSON.stringify(['kept', selection]), async () => (await sumKindCounts(selection)).reduce((n, c) => n + c.count, 0));
  }
  const sql = where ?? whereSql(q);
  return keptCounts(
    // A digest: the SQL's values may be as long as a request body (a predicate value of 900 KB was kept with each count).
    createHash('sha256')
      .update(JSON.stringify([sql.text, sql.values]))
      .digest('base64'),
    async () => (await readRows<{ n: number }>(Prisma.sql`SELECT count(*)::int AS n FROM "Entity" e WHERE ${sql}`))[0]?.n ?? 0,
  );
}

/**
 * One page of entities matching the query, how many match in all (unless known), whether more follow
 * (one row past the page is read to know) and the last row's sort key, where a next page starts.
 * With a text term the page and the count would both scan the filtered rows, so one query reads them
 * together; without one, the page comes from the name index (stopping at the page) and the count
 * from its own query.
 */
export async function queryServedRows(
  q: EntityQuery,
  parts: ServedParts = ALL_PARTS,
): Promise<{ rows: (ServedRow | ProjectedRow)[]; totalItems: number; more: boolean; lastKey?: SortKey }> {
  const where = whereSql(q);
  const order = orderParts(q.order);
  const after = q.after ? Prisma.sql`AND ${afterSql(order, q.after)}` : Prisma.empty;
  const offset = q.after ? 0 : q.offset;
  // The page's rows, then (columns of its first row) the row count of the page read one past it, and the last row's sort key.
  const pageColumns = Prisma.sql`${servedColumns(parts)}, (SELECT count(*) FROM page)::int AS "pageRows",
    CASE WHEN page.n = ${q.limit} THEN ${sortKeySql(order)} END AS "sortKey"`;
  type Row = (ServedRow | ProjectedRow) & { pageRows: number; sortKey: string | null; total?: number };
  const count = async () => q.totalItems ?? countEntities(q, where);
  let rows: Row[];
  let totalItems: number;
  if (q.fullText?.term.trim()) {
    // The count reads every match, so the matches are collected first (a materialized CTE): in one
    // query with a window count, the planner costs an ordered index scan as if the LIMIT stopped it
    // early, and walks every entity in name order instead of using the kind/type or text index.
    rows = await readRows<Row>(Prisma.sql`
      WITH matches AS MATERIALIZED (
        SELECT e."id", e."ref", e."kind", e."namespace", e."name", e."title", e."specType", e."lifecycle", e."owner", e."system"
        FROM "Entity" e WHERE ${where}),
      page AS (SELECT e."id", row_number() OVER () AS n
        FROM (SELECT * FROM matches e WHERE TRUE ${after} ORDER BY ${orderSql(order)} LIMIT ${q.limit + 1} OFFSET ${offset}) e)
      SELECT ${pageColumns}${q.totalItems === undefined ? Prisma.sql`, (SELECT count(*) FROM matches)::int AS total` : Prisma.empty}
      FROM ${pageRows(q.limit)} WHERE page.n <= ${q.limit} ORDER BY page.n`);
    totalItems = q.totalItems ?? (rows.length ? rows[0].total! : q.offset > 0 || q.after ? await count() : 0);
  } else {
    // The page's ids first, then their bodies: rows skipped by a deep OFFSET are not projected
    // (the last page of 10,000 on PGlite: 51 ms → 19 ms).
    [rows, totalItems] = await Promise.all([
      readRows<Row>(Prisma.sql`
        WITH page AS (SELECT e."id", row_number() OVER () AS n FROM (SELECT e."id" FROM "Entity" e WHERE ${where} ${after} ORDER BY ${orderSql(order)} LIMIT ${q.limit + 1} OFFSET ${offset}) e)
        SELECT ${pageColumns} FROM ${pageRows(q.limit)} WHERE page.n <= ${q.limit} ORDER BY page.n`),
      count(),
    ]);
  }
  const more = rows.length > 0 && rows[0].pageRows > q.limit;
  const last = rows.at(-1)?.sortKey;
  return { rows, totalItems, more, lastKey: more && last ? (JSON.parse(last) as SortKey) : undefined };
}

/** queryServedRows' page as objects (bodies read). */
export async function queryEntities(
  q: EntityQuery,
  parts: EntityParts = ALL_PARTS,
): Promise<{ items: ServedEntity[]; totalItems: number }> {
  const { rows, totalItems } = await queryServedRows(q, parts);
  return { items: (rows as ServedRow[]).map(servedEntityOf), totalItems };
}

/**
 * Value counts of the given keys among entities matching the filter (Backstage's entity-facets):
 * one query per column key, one for all relation keys and one for all search-table keys. Values
 * are lower-cased (filters are case-insensitive); the API restores written case for the column
 * keys (lib/catalog/api/facets.ts).
 */
export async function entityFacets(
  facets: string[],
  q: Pick<EntityQuery, 'filter' | 'predicate' | 'fullText'>,
): Promise<Record<string, { value: string; count: number }[]>> {
  const out: Record<string, { value: string; count: number }[]> = Object.fromEntries(facets.map((f) => [f, []]));
  if (facets.length === 0) return out;
  const where = whereSql(q);
  const keys = [...new Set(facets.map((f) => f.toLowerCase()))];
  const columns = keys.flatMap((k) => {
    const s = keySource(k);
    return s.kind === 'column' ? [{ key: k, sql: s.sql }] : [];
  });
  const searchKeys = keys.filter((k) => keySource(k).kind === 'search');
  const relationKeys = keys.flatMap((k) => {
    const s = keySource(k);
    return s.kind === 'relation' ? [{ key: k, type: s.type }] : [];
  });
  type Row = { key: string; value: string; count: number };
  const queries: Promise<Row[]>[] = columns.map(({ key, sql }) =>
    readRows<Row>(
      Prisma.sql`SELECT ${key} AS key, ${sql} AS value, count(*)::int AS count FROM "Entity" e WHERE ${sql} IS NOT NULL AND ${where} GROUP BY 2`,
    ),
  );
  if (searchKeys.length) {
    // Search rows are unique per entity, key and value, so count(*) counts entities.
    queries.push(
      readRows<Row>(Prisma.sql`
      SELECT s."key" AS key, s."value" AS value, count(*)::int AS count
      FROM "EntitySearch" s JOIN "Entity" e ON e."id" = s."entityId"
      WHERE s."key" IN (${Prisma.join(searchKeys)}) AND s."value" <> '' AND ${where}
      GROUP BY s."key", s."value"`),
    );
  }
  if (relationKeys.length) {
    // An entity may hold the same relation twice (declared at both ends): count entities.
    const types = Prisma.join(relationKeys.map((r) => Prisma.sql`(${r.key}, ${r.type})`));
    queries.push(
      readRows<Row>(Prisma.sql`
      SELECT k."key" AS key, r."targetRef" AS value, count(DISTINCT e."id")::int AS count
      FROM (VALUES ${types}) AS k("key", "type") JOIN "Relation" r ON r."type" = k."type" JOIN "Entity" e ON e."ref" = r."sourceRef"
      WHERE ${where}
      GROUP BY k."key", r."targetRef"`),
    );
  }
  const byKey = new Map<string, { value: string; count: number }[]>();
  for (const r of (await Promise.all(queries)).flat())
    (byKey.get(r.key) ?? byKey.set(r.key, []).get(r.key)!).push({ value: r.value, count: r.count });
  for (const facet of facets) {
    const list = byKey.get(facet.toLowerCase()) ?? [];
    out[facet] = list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).slice(0, 500);
  }
  return out;
}
