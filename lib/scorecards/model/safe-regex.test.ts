import { describe, expect, it } from 'vitest';
import { unsafePatternReason } from './safe-regex';

describe('unsafePatternReason', () => {
  it.each(['^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$', '^[a-z0-9-]+$', '^(team|squad)-[a-z]+$', '^P[0-9]{3,}$', 'a(b)?c', '[(+)]+'])(
    'accepts %s',
    (p) => {
      expect(unsafePatternReason(p)).toBeNull();
    },
  );
  it.each([
    ['(a+)+$', /exponential/],
    ['(a|aa)*b', /exponential/],
    ['((ab)*)+', /exponential/],
    ['(x\\w*)\\1', /backreferences/],
    ['(?=a)b', /lookahead/],
    ['[a-', /not a valid regular expression/],
    ['a'.repeat(201), /at most 200/],
  ])('refuses %s', (p, reason) => {
    expect(unsafePatternReason(p)).toMatch(reason);
  });
});
