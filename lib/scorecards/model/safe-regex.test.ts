import { describe, expect, it } from 'vitest';
import { MAX_VALUE_LENGTH, unsafePatternReason } from './safe-regex';

describe('unsafePatternReason', () => {
  it.each([
    '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$',
    '^[a-z0-9-]+$',
    '^(team|squad)-[a-z]+$',
    '^P[0-9]{3,}$',
    'a(b)?c',
    '[(+)]+',
    '^[a-z]+(-[a-z]+)?$',
    '^https://.*\\.example\\.com/.*$',
    'https://github\\.com/acme/.*',
    '^(?<team>[a-z]+)-[a-z]+$',
    '^\\u{1F600}*$',
    '^(?:ab)+$',
    '^(?<pair>ab)+$',
  ])('accepts %s', (p) => {
    expect(unsafePatternReason(p)).toBeNull();
  });
  it.each([
    ['(a+)+$', /exponential/],
    ['(a|aa)*b', /exponential/],
    ['((ab)*)+', /exponential/],
    ['(?:a+)+$', /exponential/],
    ['(?<x>a|aa)*b', /exponential/],
    ['(x\\w*)\\1', /backreferences/],
    ['(?=a)b', /lookahead/],
    ['[a-', /not a valid regular expression/],
    ['a'.repeat(201), /at most 200/],
    // No repeated group, yet minutes (polynomial) or hours (exponential) on a value of 1,000 characters.
    ['^\\d*\\d*\\d*x$', /combine in more than/],
    ['\\d*\\d*x', /combine in more than/],
    ['^.*-.*-.*-.*x$', /combine in more than/],
    [`^${'a?'.repeat(30)}${'a'.repeat(30)}$`, /combine in more than/],
  ])('refuses %s', (p, reason) => {
    expect(unsafePatternReason(p)).toMatch(reason);
  });
});

describe('what an accepted pattern costs', () => {
  // The worst values for the patterns the limit lets through: each answers in well under a second
  // (a refused one of the same shape takes minutes, see above).
  it.each([
    ['^\\d*\\d*x$', '1'.repeat(MAX_VALUE_LENGTH)],
    ['\\d*x', '1'.repeat(MAX_VALUE_LENGTH)],
    [`^${'a?'.repeat(20)}${'a'.repeat(20)}$`, `${'a'.repeat(39)}b`],
  ])('%s', (pattern, value) => {
    expect(unsafePatternReason(pattern)).toBeNull();
    const started = performance.now();
    new RegExp(pattern, 'u').test(value);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
