import 'server-only';
import type { DerivedRelation } from '@/lib/catalog/model';
import type { Prisma } from '@/generated/prisma/client';
import type { QueryFn } from '@/lib/db/driver';
import { uuidv7 } from '@/lib/db/uuid';
import { toSearchRows, type EntityRow } from './entity-row';

// Set-based writes for ingestion: one statement per table for a whole location, with the rows
// passed as one JSON parameter (json_to_recordset: `json` keeps the entities' key order), which both drivers handle and which keeps
// ingestion at thousands of entities per second.

export type PreparedEntity = { row: EntityRow; relations: DerivedRelation[] };

/** The writes below run on a driver transaction (Driver.transaction) or, for one entity, on Prisma's. */
export function prismaQuery(tx: Prisma.TransactionClient): QueryFn {
  return async <R>(sql: string, params: unknown[] = []) => ({ rows: await tx.$queryRawUnsafe<R[]>(sql, ...params) });
}

/**
 * Inserts or updates entities owned by `locationId` (null: portal-managed). An entity whose ref
 * belongs to another location is left alone; returns the refs that were written.
 */
export async function upsertEntities(query: QueryFn, locationId: string | null, items: PreparedEntity[]): Promise<Set<string>> {
  const refs = new Set<string>();
  // Batches bound the size of each JSON parameter (and the memory of building it).
  for (let i = 0; i < items.length; i += BATCH) {
    for (const ref of await upsertBatch(query, locationId, items.slice(i, i + BATCH))) refs.add(ref);
  }
  return refs;
}

const BATCH = 2_000;

async function upsertBatch(query: QueryFn, locationId: string | null, items: PreparedEntity[]): Promise<string[]> {
  if (items.length === 0) return [];
  // New rows get time-ordered ids (an existing entity keeps its id: ON CONFLICT does not set it).
  // Each row's body goes in as the text toEntityRow wrote (serialising it again cost ~0.2 s of a
  // 10,000-component ingestion); JSON.stringify leaves out the keys set to undefined.
  const payload = items.map(({ row }) => {
    const json = JSON.stringify({ ...row, body: undefined, bodyJson: undefined, locationId, id: uuidv7() });
    return `${json.slice(0, -1)},"body":${row.bodyJson}}`;
  });
  const { rows: written } = await query<{ id: string; ref: string; inserted: boolean }>(
    `INSERT INTO "Entity" ("id","ref","kind","namespace","name","title","specType","lifecycle","owner","system","tags","body","rawYaml","locationId","sourceFile","sourceLine","etag","searchText","updatedAt")
     SELECT x.id, x.ref, x.kind, x.namespace, x.name, x.title, x."specType", x.lifecycle, x.owner, x.system,
            ARRAY(SELECT json_array_elements_text(x.tags)), x.body, x."rawYaml", x."locationId", x."sourceFile", x."sourceLine", x.etag, x."searchText", now()
     FROM json_to_recordset($1::json) AS x(id uuid, ref text, kind text, namespace text, name text, title text, "specType" text, lifecycle text,
          owner text, system text, tags json, body json, "rawYaml" text, "locationId" uuid, "sourceFile" text, "sourceLine" int, etag text, "searchText" text)
     ON CONFLICT ("ref") DO UPDATE SET
       "kind" = EXCLUDED."kind", "namespace" = EXCLUDED."namespace", "name" = EXCLUDED."name", "title" = EXCLUDED."title",
       "specType" = EXCLUDED."specType", "lifecycle" = EXCLUDED."lifecycle", "owner" = EXCLUDED."owner", "system" = EXCLUDED."system",
       "tags" = EXCLUDED."tags", "body" = EXCLUDED."body", "rawYaml" = EXCLUDED."rawYaml", "sourceFile" = EXCLUDED."sourceFile",
       "sourceLine" = EXCLUDED."sourceLine", "etag" = EXCLUDED."etag", "searchText" = EXCLUDED."searchText", "updatedAt" = now()
     WHERE "Entity"."locationId" IS NOT DISTINCT FROM EXCLUDED."locationId"
     RETURNING "id", "ref", (xmax = 0) AS inserted`,
    [`[${payload.join(',')}]`],
  );
  const idOf = new Map(written.map((w) => [w.ref, w.id]));
  // Only updated entities have old relations and search rows (xmax = 0 marks a fresh insert).
  const updated = written.filter((w) => !w.inserted).map((w) => w.id);
  if (updated.length) {
    await query(`DELETE FROM "Relation" WHERE "originId" = ANY(SELECT (jsonb_array_elements_text($1::jsonb))::uuid)`, [
      JSON.stringify(updated),
    ]);
    await query(`DELETE FROM "EntitySearch" WHERE "entityId" = ANY(SELECT (jsonb_array_elements_text($1::jsonb))::uuid)`, [
      JSON.stringify(updated),
    ]);
  }
  // Relations and search rows go in grouped by entity, with the entity's id once and each
  // column as an array (a relation's source left null when it is the entity itself): ~40% fewer
  // bytes to build and send than one object per row, and PostgreSQL reads them in about half the
  // time (ROWS FROM zips the arrays back into rows).
  const kept = items.filter(({ row }) => idOf.has(row.ref));
  const relations = kept
    .filter(({ relations: rs }) => rs.length > 0)
    .map(({ row, relations: rs }) => ({
      o: idOf.get(row.ref),
      r: row.ref,
      s: rs.map((r) => (r.sourceRef === row.ref ? null : r.sourceRef)),
      t: rs.map((r) => r.type),
      g: rs.map((r) => r.targetRef),
    }));
  if (relations.length) {
    await query(
      `INSERT INTO "Relation" ("originId","sourceRef","type","targetRef")
       SELECT x.o, COALESCE(u.s, x.r), u.t, u.g
       FROM json_to_recordset($1::json) AS x(o uuid, r text, s json, t json, g json),
            ROWS FROM (json_array_elements_text(x.s), json_array_elements_text(x.t), json_array_elements_text(x.g)) AS u(s, t, g)`,
      [JSON.stringify(relations)],
    );
  }
  const search = kept.map(({ row }) => {
    const rows = toSearchRows(row.body);
    return { o: idOf.get(row.ref), k: rows.map((r) => r.key), v: rows.map((r) => r.value) };
  });
  if (search.length) {
    await query(
      `INSERT INTO "EntitySearch" ("entityId","key","value")
       SELECT x.o, u.k, u.v
       FROM json_to_recordset($1::json) AS x(o uuid, k json, v json),
            ROWS FROM (json_array_elements_text(x.k), json_array_elements_text(x.v)) AS u(k, v)`,
      [JSON.stringify(search)],
    );
  }
  return [...idOf.keys()];
}

/**
 * The entities of these locations and of the locations below them: what deleting the locations
 * takes with it (a cascade), read first so the write listeners can be told.
 */
export async function entityRefsOfLocations(query: QueryFn, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await query<{ ref: string }>(
    `WITH RECURSIVE tree(id) AS (
       SELECT unnest($1::uuid[]) UNION SELECT l."id" FROM "Location" l JOIN tree t ON l."parentId" = t.id)
     SELECT e."ref" FROM "Entity" e JOIN tree t ON e."locationId" = t.id`,
    [ids],
  );
  return rows.map((r) => r.ref);
}

/** Deletes entities by id (relations and search rows go with them); returns the refs deleted. */
export async function deleteEntities(query: QueryFn, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const { rows } = await query<{ ref: string }>(
    `DELETE FROM "Entity" WHERE "id" = ANY(SELECT (jsonb_array_elements_text($1::jsonb))::uuid) RETURNING "ref"`,
    [JSON.stringify(ids)],
  );
  return rows.map((r) => r.ref);
}
