import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalisePath } from './normalise-path';

describe('normalisePath', () => {
  it.each([
    '',
    '.',
    './',
    'a',
    'a/',
    'a//b',
    'a/./b',
    'a/../b',
    'a/../..',
    '../a',
    '../../a/b/..',
    '/a/../..',
    '/..',
    '/',
    'a/b/../../..',
    '..',
  ])('%j as path.posix.normalize, without a trailing slash', (p) => {
    const node = path.posix.normalize(p);
    expect(normalisePath(p)).toBe(node.length > 1 ? node.replace(/\/$/, '') : node);
  });

  it('normalises a run of 200,000 ".." in linear time', () => {
    // path.posix.normalize took 12 s on 133,000.
    const started = performance.now();
    expect(normalisePath('../'.repeat(200_000)).length).toBe(200_000 * 3 - 1);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
