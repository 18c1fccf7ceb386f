import { describe, expect, it } from 'vitest';
import { predicateSql } from './predicate';

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
    expect(() => predicateSql(predicate)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(message) }));
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
    expect(predicateSql({ 'spec.type': 'Service', 'metadata.labels.tier': 7, 'spec.public': true }).values).toEqual(['service', 'metadata.labels.tier', '7', 'spec.public', 'true']);
  });
});
