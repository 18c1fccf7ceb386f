import { describe, expect, it } from 'vitest';
import {
  MAX_PREDICATE_AND_CONDITIONS,
  MAX_PREDICATE_CONDITIONS,
  MAX_PREDICATE_VALUES,
  matchPredicate,
  parsePredicate,
  predicateKeys,
  predicateSql,
} from './predicate';

// What a client sees for a malformed predicate: a 400 whose message names what is wrong. (What
// valid predicates match is tested against a real database in tests/catalog-contract.int.test.ts.)
describe('predicateSql', () => {
  it.each([
    ['a top-level primitive', 'component', 'top-level primitive values are not supported'],
    ['an array at the top', [{ kind: 'component' }], 'top-level primitive values are not supported'],
    ['operators mixed with fields', { $all: [], kind: 'component' }, 'operators must be a single $all or $any'],
    ['an unknown operator', { $or: [] }, 'operators must be a single $all or $any'],
    ['$any without an array', { $any: { kind: 'x' } }, '$any takes an array'],
    ['an unknown matcher', { kind: { $regex: 'x' } }, '$exists, $in, $hasPrefix'],
    ['$in without an array', { kind: { $in: 'api' } }, '$in of "kind" must be an array'],
    ['$exists that is not a boolean', { kind: { $exists: 'yes' } }, '$exists of "kind" must be true or false'],
    ['$contains with an object outside relations', { 'metadata.tags': { $contains: { $any: ['a'] } } }, 'only supported for "relations"'],
    ['$contains on relations without a type', { relations: { $contains: { targetRef: 'group:default/a' } } }, 'requires a "type"'],
    ['$contains on relations with another key', { relations: { $contains: { type: 'ownedBy', source: 'x' } } }, 'unsupported key "source"'],
    ['a null value', { kind: null }, 'must be a string, number, boolean'],
  ])('refuses %s', (_what, predicate, message) => {
    expect(() => predicateSql(predicate)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(message) }),
    );
  });

  // One request's SQL: 100 AND'ed conditions took 3.1 s at 3,000 entities, 60,000 a 500 (bind parameters),
  // 6,000 $in values on a search key 6.0 s; 200 alternatives 48 ms.
  const conditions = (n: number) => ({ $any: Array.from({ length: n }, (_, i) => ({ [`metadata.annotations.k${i}`]: 'v' })) });
  const anded = (n: number) => ({ $all: Array.from({ length: n }, (_, i) => ({ [`metadata.annotations.k${i}`]: 'v' })) });
  const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
  it.each([
    ['too many field conditions', conditions(MAX_PREDICATE_CONDITIONS + 1), `more than ${MAX_PREDICATE_CONDITIONS} field conditions`],
    [
      "too many AND'ed field conditions",
      anded(MAX_PREDICATE_AND_CONDITIONS + 1),
      `one $all (or field object) holds more than ${MAX_PREDICATE_AND_CONDITIONS}`,
    ],
    [
      "too many AND'ed across nested $alls and a field object",
      { $not: { $all: [anded(12), { $all: [{ a: 'x', b: 'y' }] }, { $any: [anded(3)] }, anded(7)] } },
      `more than ${MAX_PREDICATE_AND_CONDITIONS} field conditions`,
    ],
    [
      'too many conditions in one object',
      Object.fromEntries(names(MAX_PREDICATE_AND_CONDITIONS + 1).map((n) => [n, 'x'])),
      'field conditions',
    ],
    [
      'too many nested alternatives',
      { $any: [conditions(600), { $not: conditions(401) }] },
      `more than ${MAX_PREDICATE_CONDITIONS} field conditions in all`,
    ],
    [
      'too many $in values',
      { $all: [{ 'metadata.name': { $in: names(600) } }, { 'spec.owner': { $in: names(401) } }] },
      `more than ${MAX_PREDICATE_VALUES} values`,
    ],
    [
      'too many targetRef values',
      { relations: { $contains: { type: 'ownedBy', targetRef: { $in: names(MAX_PREDICATE_VALUES + 1) } } } },
      `more than ${MAX_PREDICATE_VALUES} values`,
    ],
  ])('refuses a predicate with %s', (_what, predicate, message) => {
    expect(() => predicateSql(predicate)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(message) }),
    );
  });

  // A body of 1 MiB holds arrays nested ~500,000 deep: quoting one in the message threw a RangeError (a 500).
  const deep = (n: number): unknown => JSON.parse('['.repeat(n) + ']'.repeat(n));
  it.each([
    ['a field value', () => ({ kind: deep(400_000) }), 'value of "kind" must be'],
    ['an operand of $any', () => ({ $any: [deep(400_000)] }), 'top-level primitive values are not supported'],
    ['the operand of $all', () => ({ $all: { a: deep(400_000) } }), '$all takes an array'],
    ['a matcher', () => ({ kind: { $in: 1, $x: deep(400_000) } }), 'takes one matcher'],
  ])('refuses %s nested too deep to quote, with a short message', (_what, predicate, message) => {
    let error: unknown;
    try {
      predicateSql(predicate());
    } catch (err) {
      error = err;
    }
    expect(error).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(message) });
    expect((error as Error).message.length).toBeLessThan(500);
  });

  it('takes a predicate at its caps', () => {
    expect(() => predicateSql(conditions(MAX_PREDICATE_CONDITIONS))).not.toThrow();
    expect(() => predicateSql(anded(MAX_PREDICATE_AND_CONDITIONS))).not.toThrow();
    // Backstage's way of asking for entities by ref: an alternative of three conditions per ref.
    const refs = Array.from({ length: 100 }, (_, i) => ({ kind: 'component', 'metadata.namespace': 'default', 'metadata.name': `s${i}` }));
    expect(() => predicateSql({ $all: [{ kind: 'component' }, { $any: refs }] })).not.toThrow();
    expect(() => predicateSql({ 'metadata.name': { $in: names(MAX_PREDICATE_VALUES) } })).not.toThrow();
  });

  it.each([
    [{}, 'TRUE'],
    [{ $all: [] }, 'TRUE'],
    [{ $any: [] }, 'FALSE'],
    [{ kind: { $in: [] } }, '(FALSE)'],
  ])('%j is constant %s, as in Backstage', (predicate, sql) => {
    expect(predicateSql(predicate).sql).toBe(sql);
  });

  it('compares values case-insensitively, numbers and booleans as text', () => {
    expect(predicateSql({ 'spec.type': 'Service', 'metadata.labels.tier': 7, 'spec.public': true }).values).toEqual([
      'service',
      'metadata.labels.tier',
      '7',
      'spec.public',
      'true',
    ]);
  });
});

describe('matchPredicate (in memory, as POST /locations/by-query evaluates)', () => {
  const location = {
    id: 'a1',
    type: 'url',
    target: 'https://github.com/acme/orders/blob/main/catalog-info.yaml',
    tags: ['Java', 'kafka'],
  } as Record<string, string | string[]>;
  const match = (predicate: unknown) => matchPredicate(parsePredicate(predicate), (key) => location[key]);

  it.each([
    [{ $all: [] }, true],
    [{ $any: [] }, false],
    [{ $not: { $all: [] } }, false],
    [{}, true],
    [{ type: 'URL' }, true],
    [{ TYPE: 'url', id: 'a2' }, false],
    [{ type: { $in: ['file', 'Url'] } }, true],
    [{ type: { $in: [] } }, false],
    [{ target: { $hasPrefix: 'HTTPS://github.com/acme/' } }, true],
    [{ target: { $exists: true } }, true],
    [{ owner: { $exists: false } }, true],
    [{ type: { $contains: 'url' } }, false],
    [{ tags: { $contains: 'java' } }, true],
    [{ tags: 'kafka' }, true],
    [{ $any: [{ type: 'file' }, { $not: { id: 'b' } }] }, true],
  ])('%j → %s', (predicate, expected) => {
    expect(match(predicate)).toBe(expected);
  });

  it('refuses what the SQL form refuses, with the same message', () => {
    expect(() => parsePredicate({ $all: {} })).toThrow('$all takes an array of predicates');
  });

  it('lists the keys a predicate reads', () => {
    expect(predicateKeys(parsePredicate({ $any: [{ Type: 'url' }, { $not: { entityRef: { $in: ['x'] } } }] }))).toEqual([
      'type',
      'entityref',
    ]);
  });
});
