import { Prisma } from '@/generated/prisma/client';
import { RELATION_PAIRS } from '@/lib/catalog/model/relations';

// Backstage's entity filter: a list of alternatives (OR), each a set of conditions (AND) on
// flattened keys such as `kind`, `spec.type`, `metadata.annotations.backstage.io/techdocs-ref`
// or `relations.ownedby`. A condition without values means "the key exists" (and one with an empty
// list of values matches nothing: the catalog list's Starred filter for someone with no stars). Matching is
// case-insensitive (keys and values are stored lower-cased).

export type FilterCondition = { key: string; values?: string[]; negate?: boolean };
export type EntityFilter = { anyOf: { allOf: FilterCondition[] }[] };

export const EMPTY_FILTER: EntityFilter = { anyOf: [] };

/**
 * Parses Backstage's query-string form: each `filter` parameter is one alternative of
 * comma-separated `key=value` or `key` conditions; repeated keys within one are OR'ed values.
 */
export function parseFilterParams(params: string[]): EntityFilter {
  const anyOf = params.map((param) => {
    const byKey = new Map<string, FilterCondition>();
    for (const part of param.split(',')) {
      const trimmed = part.trim();
      if (!trimmed) continue;
      const eq = trimmed.indexOf('=');
      const key = (eq === -1 ? trimmed : trimmed.slice(0, eq)).trim().toLowerCase();
      if (!key) continue;
      const existing = byKey.get(key) ?? { key };
      if (eq !== -1)
        existing.values = [
          ...(existing.values ?? []),
          trimmed
            .slice(eq + 1)
            .trim()
            .toLowerCase(),
        ];
      byKey.set(key, existing);
    }
    return { allOf: [...byKey.values()] };
  });
  return { anyOf: anyOf.filter((a) => a.allOf.length > 0) };
}

/** Adds conditions to every alternative (or makes one alternative of them). */
export function andFilter(filter: EntityFilter, conditions: FilterCondition[]): EntityFilter {
  if (conditions.length === 0) return filter;
  if (filter.anyOf.length === 0) return { anyOf: [{ allOf: conditions }] };
  return { anyOf: filter.anyOf.map((a) => ({ allOf: [...a.allOf, ...conditions] })) };
}

// Where a key's values live. Keys with their own column are matched there (and not stored in the
// search table); `relations.<type>` keys are the entity's rows of the Relation table; every other
// key is a row of the search table (Backstage's flattened entity), whose (key, value) index serves
// filters and facets alike.
const COLUMN_KEYS: Record<string, Prisma.Sql> = {
  kind: Prisma.sql`lower(e."kind")`,
  apiversion: Prisma.sql`lower(e."body"->>'apiVersion')`,
  'metadata.namespace': Prisma.sql`lower(e."namespace")`,
  'metadata.name': Prisma.sql`lower(e."name")`,
  'spec.type': Prisma.sql`lower(e."specType")`,
  'spec.lifecycle': Prisma.sql`lower(e."lifecycle")`,
  'metadata.uid': Prisma.sql`e."id"::text`,
};

export type KeySource = { kind: 'column'; sql: Prisma.Sql } | { kind: 'relation'; type: string } | { kind: 'search'; key: string };

/** Keys the search table does not hold (ingestion skips them: see toSearchRows). */
export function isIndexedElsewhere(key: string): boolean {
  return keySource(key).kind !== 'search';
}

/** Relation types as stored (camelCase), by the lower-cased name filter keys use. */
const RELATION_TYPES = new Map<string, string>(RELATION_PAIRS.flat().map((t) => [t.toLowerCase(), t]));
const RELATIONS = 'relations.';

export function keySource(key: string): KeySource {
  const k = key.toLowerCase();
  if (COLUMN_KEYS[k]) return { kind: 'column', sql: COLUMN_KEYS[k] };
  if (k.startsWith(RELATIONS)) {
    const type = k.slice(RELATIONS.length);
    return { kind: 'relation', type: RELATION_TYPES.get(type) ?? type };
  }
  return { kind: 'search', key: k };
}

/**
 * Whether the entity has a relation of the type whose target meets `target` (any target without
 * one). As Backstage's `relations.<type>` keys, which it builds from the stitched entity, these are
 * every relation with the entity as its source, whichever entity declared it (a group is
 * `relations.ownerOf` the components that name it their owner). Refs are stored lower-cased.
 */
export function relationSql(type: string, target?: (col: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const where = target ? Prisma.sql` AND ${target(Prisma.sql`r."targetRef"`)}` : Prisma.empty;
  return Prisma.sql`EXISTS (SELECT 1 FROM "Relation" r WHERE r."sourceRef" = e."ref" AND r."type" = ${type}${where})`;
}

function conditionSql(c: FilterCondition): Prisma.Sql {
  const values = c.values?.map((v) => v.toLowerCase());
  // No values at all (as opposed to no `values`, "the key exists"): one of none, which nothing is.
  if (values?.length === 0) return c.negate ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
  const source = keySource(c.key);
  let sql: Prisma.Sql;
  if (source.kind === 'column') {
    sql = values ? Prisma.sql`${source.sql} IN (${Prisma.join(values)})` : Prisma.sql`${source.sql} IS NOT NULL`;
  } else if (source.kind === 'relation') {
    sql = relationSql(source.type, values && ((col) => Prisma.sql`${col} IN (${Prisma.join(values)})`));
  } else if (values) {
    sql = Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${source.key} AND s."value" IN (${Prisma.join(values)}))`;
  } else {
    sql = Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${source.key})`;
  }
  return c.negate ? Prisma.sql`NOT (${sql})` : sql;
}

export function filterSql(filter: EntityFilter): Prisma.Sql {
  if (filter.anyOf.length === 0) return Prisma.sql`TRUE`;
  const alternatives = filter.anyOf.map((a) => Prisma.sql`(${Prisma.join(a.allOf.map(conditionSql), ' AND ')})`);
  return Prisma.sql`(${Prisma.join(alternatives, ' OR ')})`;
}

/** Case-insensitive substring match on the given fields (default: the entity's search text). */
export function fullTextSql(term: string | undefined, fields?: string[]): Prisma.Sql {
  const t = term?.trim().toLowerCase();
  if (!t) return Prisma.sql`TRUE`;
  const pattern = `%${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
  const anywhere = Prisma.sql`e."searchText" LIKE ${pattern}`;
  if (!fields?.length) return anywhere;
  const parts = fields.map((f) => {
    const key = f.toLowerCase();
    // The title column holds what the search row holds (a string, lower-cased there), which the
    // search table keeps only up to its value length limit.
    if (key === 'metadata.title')
      return Prisma.sql`(length(e."title") <= ${Prisma.raw(String(MAX_SEARCH_VALUE_LENGTH))} AND lower(e."title") LIKE ${pattern})`;
    const source = keySource(key);
    if (source.kind === 'column') return Prisma.sql`${source.sql} LIKE ${pattern}`;
    if (source.kind === 'relation') return relationSql(source.type, (col) => Prisma.sql`${col} LIKE ${pattern}`);
    return Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${source.key} AND s."value" LIKE ${pattern})`;
  });
  const some = Prisma.sql`(${Prisma.join(parts, ' OR ')})`;
  // A term in one of these fields is also in a text that a trigram index covers (PostgreSQL), which
  // finds the few candidates; the field conditions then run on those rows, not on every entity.
  // Name and title have their own index (Entity_name_title_trgm_idx: this very expression).
  const keys = fields.map((f) => f.toLowerCase());
  if (keys.every((k) => k === 'metadata.name' || k === 'metadata.title')) {
    return Prisma.sql`(lower(e."name" || ' ' || coalesce(e."title", '')) LIKE ${pattern} AND ${some})`;
  }
  return keys.every((k) => IN_SEARCH_TEXT.has(k)) ? Prisma.sql`(${anywhere} AND ${some})` : some;
}

const IN_SEARCH_TEXT = new Set(['metadata.name', 'metadata.title', 'metadata.description', 'metadata.tags', 'spec.type']);

/** Longer search-table values are not stored (as Backstage: see toSearchRows). */
export const MAX_SEARCH_VALUE_LENGTH = 200;
