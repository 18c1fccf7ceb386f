import { Prisma } from '@/generated/prisma/client';
import { AppError } from '@/lib/errors';
import { keySource, relationSql } from './filter';

// Backstage's filter predicates (@backstage/filter-predicates; the catalog's POST /entities/by-query,
// POST /entity-facets and by-refs `query`, and POST /locations/by-query), read once into a checked
// tree, then either turned into SQL over the entity's columns and search rows or evaluated in memory
// over a few fields (locations), with the semantics of plugin-catalog-backend's
// applyPredicateEntityFilterToQuery and of evaluateFilterPredicate:
// - `$all` (empty: true), `$any` (empty: false), `$not`; several keys in one object are AND'ed;
// - a primitive value is case-insensitive equality (7 and "7" are equal); `$in` (empty: false),
//   `$exists`, `$hasPrefix`; `$contains` with a primitive matches an array element, and
//   `{ relations: { $contains: { type, targetRef? } } }` matches a relation;
// - an array leaf matches when any element does (the search table holds one row per element).

const LOGIC = new Set(['$all', '$any', '$not']);

function bad(message: string): AppError {
  return new AppError('BAD_REQUEST', `Invalid filter predicate: ${message}`);
}

/**
 * A client's value in a message, as JSON cut to 200 characters. A body of 1 MiB holds arrays nested
 * ~500,000 deep, past what JSON.stringify can recurse (a RangeError was a 500).
 */
function shown(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    text = Array.isArray(value) ? '[…]' : '{…}';
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isPrimitive = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
const lower = (v: string | number | boolean) => String(v).toLowerCase();

/** A checked predicate: keys and values lower-cased, every operand validated. */
export type Predicate =
  | { op: 'all' | 'any'; of: Predicate[] }
  | { op: 'not'; of: Predicate }
  | { op: 'eq' | 'contains'; key: string; value: string }
  | { op: 'in'; key: string; values: string[] }
  | { op: 'exists'; key: string; exists: boolean }
  | { op: 'prefix'; key: string; prefix: string }
  | { op: 'relation'; type: string; refs?: string[] };

/**
 * Field conditions one AND of a predicate may hold (a field object's, an $all's, with the $alls
 * inside it): each is a condition of its own in SQL (most a subquery per entity), and AND'ed ones
 * cost more than their number where few entities match (3,000 entities, no match: 20 took 0.14–0.3
 * s, 40 0.43, 100 3.1). Alternatives are cheap ($any of 200: 48 ms; $not of them: 49 ms).
 */
export const MAX_PREDICATE_AND_CONDITIONS = 20;
/**
 * Field conditions a predicate may hold in all: 10,000 in $any took 6.8 s, and 60,000, which a body
 * of 1 MiB holds, passed PostgreSQL's 65,535 bind parameters and failed with a 500.
 */
export const MAX_PREDICATE_CONDITIONS = 1_000;
/**
 * Values of its $in lists in all. On a search-table key the page query's plan changes between
 * 5,000 values (31 ms at 3,000 entities) and 6,000 (6.0 s; 10,000: 14 s): the planner then walks
 * the name index and probes every value for each entity.
 */
export const MAX_PREDICATE_VALUES = 1_000;

type Budget = { conditions: number; values: number };

/** Reads a predicate as a client sent it; throws a 400 that names what is malformed or too large. */
export function parsePredicate(predicate: unknown): Predicate {
  return readPredicate(predicate, 0, { conditions: 0, values: 0 }, { conditions: 0 });
}

/** `and`: the AND this predicate's field conditions join (an $any's or $not's operands start their own). */
function readPredicate(predicate: unknown, depth: number, budget: Budget, and: { conditions: number }): Predicate {
  if (depth > 32) throw bad('nested deeper than 32 levels');
  if (!isObject(predicate)) {
    throw bad(`top-level primitive values are not supported. Wrap the value in a field expression, e.g. { "kind": ${shown(predicate)} }`);
  }
  const entries = Object.entries(predicate);
  if (entries.some(([k]) => k.startsWith('$'))) {
    const [[op, operand]] = entries;
    if (entries.length !== 1 || !LOGIC.has(op)) {
      throw bad(`operators must be a single $all or $any with an array, or $not, but got ${shown(predicate)}`);
    }
    if (op === '$not') return { op: 'not', of: readPredicate(operand, depth + 1, budget, { conditions: 0 }) };
    if (!Array.isArray(operand)) throw bad(`${op} takes an array of predicates, got ${shown(operand)}`);
    if (op === '$all') return { op: 'all', of: operand.map((p) => readPredicate(p, depth + 1, budget, and)) };
    return { op: 'any', of: operand.map((p) => readPredicate(p, depth + 1, budget, { conditions: 0 })) };
  }
  return { op: 'all', of: entries.map(([key, value]) => spend(budget, and, parseField(key, value))) };
}

/** Counts a field condition (and its values) against the predicate's caps. */
function spend(budget: Budget, and: { conditions: number }, p: Predicate): Predicate {
  budget.conditions += 1;
  and.conditions += 1;
  budget.values += p.op === 'in' ? p.values.length : p.op === 'relation' ? (p.refs?.length ?? 0) : 0;
  if (and.conditions > MAX_PREDICATE_AND_CONDITIONS)
    throw bad(
      `one $all (or field object) holds more than ${MAX_PREDICATE_AND_CONDITIONS} field conditions; list the values of one field in { "$in": [...] } instead`,
    );
  if (budget.conditions > MAX_PREDICATE_CONDITIONS) throw bad(`it holds more than ${MAX_PREDICATE_CONDITIONS} field conditions in all`);
  if (budget.values > MAX_PREDICATE_VALUES) throw bad(`its $in lists hold more than ${MAX_PREDICATE_VALUES} values in all`);
  return p;
}

function parseField(keyAnyCase: string, value: unknown): Predicate {
  const key = keyAnyCase.toLowerCase();
  if (isPrimitive(value)) return { op: 'eq', key, value: lower(value) };
  if (isObject(value)) {
    const ops = Object.keys(value);
    if (ops.length !== 1) throw bad(`field "${keyAnyCase}" takes one matcher ($exists, $in, $hasPrefix or $contains), got ${shown(value)}`);
    if ('$exists' in value) {
      if (typeof value.$exists !== 'boolean') throw bad(`$exists of "${keyAnyCase}" must be true or false`);
      return { op: 'exists', key, exists: value.$exists };
    }
    if ('$in' in value) {
      const list = value.$in;
      if (!Array.isArray(list) || !list.every(isPrimitive))
        throw bad(`$in of "${keyAnyCase}" must be an array of strings, numbers or booleans`);
      return { op: 'in', key, values: list.map(lower) };
    }
    if ('$hasPrefix' in value) {
      if (typeof value.$hasPrefix !== 'string') throw bad(`$hasPrefix of "${keyAnyCase}" must be a string`);
      return { op: 'prefix', key, prefix: value.$hasPrefix.toLowerCase() };
    }
    if ('$contains' in value) {
      const target = value.$contains;
      if (isPrimitive(target)) return { op: 'contains', key, value: lower(target) };
      if (isObject(target) && key === 'relations') return parseRelation(target);
      throw bad(`the object form of $contains is only supported for "relations" (with type and targetRef), not for "${keyAnyCase}"`);
    }
  }
  throw bad(
    `value of "${keyAnyCase}" must be a string, number, boolean, or one of $exists, $in, $hasPrefix, $contains; got ${shown(value)}`,
  );
}

function parseRelation(target: Record<string, unknown>): Predicate {
  let type: string | undefined;
  let refs: string[] | undefined;
  for (const [rawKey, v] of Object.entries(target)) {
    const k = rawKey.toLowerCase();
    if (k === 'type') {
      if (typeof v !== 'string') throw bad('the $contains operator for "relations" requires a "type" string property');
      type = v;
    } else if (k === 'targetref') {
      if (typeof v === 'string') refs = [v.toLowerCase()];
      else if (isObject(v) && Array.isArray(v.$in) && v.$in.length > 0 && v.$in.every((x) => typeof x === 'string'))
        refs = v.$in.map((x: string) => x.toLowerCase());
      else throw bad(`targetRef in $contains for "relations" must be a string or { "$in": [strings] }, got ${shown(v)}`);
    } else {
      throw bad(`unsupported key "${rawKey}" in $contains for "relations"; only "type" and "targetRef" are supported`);
    }
  }
  if (!type) throw bad('the $contains operator for "relations" requires a "type" string property');
  return { op: 'relation', type: type.toLowerCase(), refs };
}

/** The field keys a predicate reads (to refuse keys a store does not have before reading). */
export function predicateKeys(p: Predicate): string[] {
  if (p.op === 'not') return predicateKeys(p.of);
  if ('of' in p) return p.of.flatMap(predicateKeys);
  return [p.op === 'relation' ? 'relations' : p.key];
}

/**
 * Whether a record matches, in memory. `valueOf` gives a field's value by lower-cased key: a
 * string, a list (an array leaf matches when any element does; only a list can $contain), or
 * undefined when the record has no such field.
 */
export function matchPredicate(p: Predicate, valueOf: (key: string) => string | string[] | undefined): boolean {
  const values = (key: string) => [valueOf(key) ?? []].flat().map((v) => v.toLowerCase());
  switch (p.op) {
    case 'all':
      return p.of.every((q) => matchPredicate(q, valueOf));
    case 'any':
      return p.of.some((q) => matchPredicate(q, valueOf));
    case 'not':
      return !matchPredicate(p.of, valueOf);
    case 'eq':
      return values(p.key).includes(p.value);
    case 'in':
      return values(p.key).some((v) => p.values.includes(v));
    case 'exists':
      return values(p.key).length > 0 === p.exists;
    case 'prefix':
      return values(p.key).some((v) => v.startsWith(p.prefix));
    case 'contains':
      return Array.isArray(valueOf(p.key)) && values(p.key).includes(p.value);
    case 'relation':
      return false;
  }
}

/** SQL that is true for the entities (`e`) the predicate matches; throws a 400 for a malformed one. */
export function predicateSql(predicate: unknown): Prisma.Sql {
  return sqlOf(parsePredicate(predicate));
}

function sqlOf(p: Predicate): Prisma.Sql {
  switch (p.op) {
    case 'all':
    case 'any':
      if (p.of.length === 0) return p.op === 'all' ? Prisma.sql`TRUE` : Prisma.sql`FALSE`;
      return Prisma.sql`(${Prisma.join(p.of.map(sqlOf), p.op === 'all' ? ' AND ' : ' OR ')})`;
    case 'not':
      return Prisma.sql`NOT (${sqlOf(p.of)})`;
    case 'eq':
    case 'contains':
      return valueSql(p.key, (col) => Prisma.sql`${col} = ${p.value}`);
    case 'in':
      return p.values.length === 0 ? Prisma.sql`FALSE` : valueSql(p.key, (col) => Prisma.sql`${col} IN (${Prisma.join(p.values)})`);
    case 'exists': {
      const exists = valueSql(p.key, () => Prisma.sql`TRUE`);
      return p.exists ? exists : Prisma.sql`NOT ${exists}`;
    }
    case 'prefix': {
      const pattern = `${p.prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      return valueSql(p.key, (col) => Prisma.sql`${col} LIKE ${pattern}`);
    }
    case 'relation': {
      const refs = p.refs;
      return valueSql(`relations.${p.type}`, refs ? (col) => Prisma.sql`${col} IN (${Prisma.join(refs)})` : () => Prisma.sql`TRUE`);
    }
  }
}

/** A condition on a key's value(s): on its column when it has one, its relations, else its search rows. */
function valueSql(key: string, condition: (col: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  const source = keySource(key);
  if (source.kind === 'column') {
    const c = condition(source.sql);
    return Prisma.sql`(${source.sql} IS NOT NULL AND ${c})`;
  }
  if (source.kind === 'relation') return relationSql(source.type, condition);
  return Prisma.sql`EXISTS (SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = ${source.key} AND ${condition(Prisma.sql`s."value"`)})`;
}
