import { Prisma } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { keySource } from './filter';

// Backstage's filter predicates (@backstage/filter-predicates; the catalog's POST /entities/by-query,
// POST /entity-facets and by-refs `query`) as SQL over the entity's columns and search rows, with the
// server semantics of plugin-catalog-backend's applyPredicateEntityFilterToQuery:
// - `$all` (empty: true), `$any` (empty: false), `$not`; several keys in one object are AND'ed;
// - a primitive value is case-insensitive equality (7 and "7" are equal); `$in` (empty: false),
//   `$exists`, `$hasPrefix`; `$contains` with a primitive matches an array element, and
//   `{ relations: { $contains: { type, targetRef? } } }` matches a relation;
// - an array leaf matches when any element does (the search table holds one row per element).

const LOGIC = new Set(['$all', '$any', '$not']);

function bad(message: string): AppError {
  return new AppError('BAD_REQUEST', `Invalid filter predicate: ${message}`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);

/** SQL that is true for the entities (`e`) the predicate matches; throws a 400 for a malformed one. */
export function predicateSql(predicate: unknown, depth = 0): Prisma.Sql {
  if (depth > 32) throw bad('nested deeper than 32 levels');
  if (!isObject(predicate)) {
    throw bad(`top-level primitive values are not supported. Wrap the value in a field expression, e.g. { "kind": ${JSON.stringify(predicate)} }`);
  }
  const entries = Object.entries(predicate);
  if (entries.some(([k]) => k.startsWith('$'))) {
    const [[op, operand]] = entries;
    if (entries.length !== 1 || !LOGIC.has(op)) {
      throw bad(`operators must be a single $all or $any with an array, or $not, but got ${JSON.stringify(predicate)}`);
    }
    if (op === '$not') return Prisma.sql`NOT (${predicateSql(operand, depth + 1)})`;
    if (!Array.isArray(operand)) throw bad(`${op} takes an array of predicates, got ${JSON.stringify(operand)}`);
    if (operand.length === 0) return op === '$all' ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
    const parts = operand.map((p) => predicateSql(p, depth + 1));
    return Prisma.sql`(${Prisma.join(parts, op === '$all' ? ' AND ' : ' OR ')})`;
  }
  if (entries.length === 0) return Prisma.sql`TRUE`;
  return Prisma.sql`(${Prisma.join(entries.map(([key, value]) => fieldSql(key, value)), ' AND ')})`;
}

const lower = (v: string | number | boolean) => String(v).toLowerCase();

function fieldSql(keyAnyCase: string, value: unknown): Prisma.Sql {
  const key = keyAnyCase.toLowerCase();
  if (isPrimitive(value)) return valueSql(key, (col) => Prisma.sql`${col} = ${lower(value)}`);
  if (isObject(value)) {
    const ops = Object.keys(value);
    if (ops.length !== 1) throw bad(`field "${keyAnyCase}" takes one matcher ($exists, $in, $hasPrefix or $contains), got ${JSON.stringify(value)}`);
    if ('$exists' in value) {
      if (typeof value.$exists !== 'boolean') throw bad(`$exists of "${keyAnyCase}" must be true or false`);
      const exists = valueSql(key, () => Prisma.sql`TRUE`);
      return value.$exists ? exists : Prisma.sql`NOT ${exists}`;
    }
    if ('$in' in value) {
      const list = value.$in;
      if (!Array.isArray(list) || !list.every(isPrimitive)) throw bad(`$in of "${keyAnyCase}" must be an array of strings, numbers or booleans`);
      if (list.length === 0) return Prisma.sql`FALSE`;
      return valueSql(key, (col) => Prisma.sql`${col} IN (${Prisma.join(list.map(lower))})`);
    }
    if ('$hasPrefix' in value) {
      if (typeof value.$hasPrefix !== 'string') throw bad(`$hasPrefix of "${keyAnyCase}" must be a string`);
      const pattern = `${value.$hasPrefix.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return valueSql(key, (col) => Prisma.sql`${col} LIKE ${pattern}`);
    }
    if ('$contains' in value) {
      const target = value.$contains;
      if (isPrimitive(target)) return valueSql(key, (col) => Prisma.sql`${col} = ${lower(target)}`);
      if (isObject(target) && key === 'relations') return relationSql(target);
      throw bad(`the object form of $contains is only supported for "relations" (with type and targetRef), not for "${keyAnyCase}"`);
    }
  }
  throw bad(`value of "${keyAnyCase}" must be a string, number, boolean, or one of $exists, $in, $hasPrefix, $contains; got ${JSON.stringify(value)}`);
}

/** A condition on a key's value(s): on its column when it has one, else on its search rows. */
function valueSql(key: string, condition: (col: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const source = keySource(key);
  if (source.kind === 'column') {
    const c = condition(source.sql);
    return Prisma.sql`(${source.sql} IS NOT NULL AND ${c})`;
  }
  return Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${source.key} AND ${condition(Prisma.sql`s."value"`)})`;
}

function relationSql(target: Record<string, unknown>): Prisma.Sql {
  let type: string | undefined;
  let refs: string[] | undefined;
  for (const [rawKey, v] of Object.entries(target)) {
    const k = rawKey.toLowerCase();
    if (k === 'type') {
      if (typeof v !== 'string') throw bad('the $contains operator for "relations" requires a "type" string property');
      type = v;
    } else if (k === 'targetref') {
      if (typeof v === 'string') refs = [v.toLowerCase()];
      else if (isObject(v) && Array.isArray(v.$in) && v.$in.length > 0 && v.$in.every((x) => typeof x === 'string')) refs = v.$in.map((x: string) => x.toLowerCase());
      else throw bad(`targetRef in $contains for "relations" must be a string or { "$in": [strings] }, got ${JSON.stringify(v)}`);
    } else {
      throw bad(`unsupported key "${rawKey}" in $contains for "relations"; only "type" and "targetRef" are supported`);
    }
  }
  if (!type) throw bad('the $contains operator for "relations" requires a "type" string property');
  const key = `relations.${type.toLowerCase()}`;
  return refs
    ? Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${key} AND s."value" IN (${Prisma.join(refs)}))`
    : Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${key})`;
}
