import { describe, expect, it } from 'vitest';
import { ciHref, formatDuration, isUnfinished, parseCiQuery, runStateLook } from './workflow-runs';

describe('runStateLook', () => {
  it.each([
    ['success', 'Succeeded', 'green'],
    ['failure', 'Failed', 'red'],
    ['timed_out', 'Timed out', 'red'],
    ['in_progress', 'Running', 'brand'],
    ['queued', 'Queued', 'amber'],
    ['cancelled', 'Cancelled', 'neutral'],
    ['some_new_state', 'some new state', 'neutral'],
  ])('%s is %s', (state, label, tone) => {
    expect(runStateLook(state)).toEqual({ label, tone });
  });

  it('counts only waiting and running states as unfinished', () => {
    expect(['in_progress', 'queued', 'waiting'].map(isUnfinished)).toEqual([true, true, true]);
    expect(['success', 'failure', 'cancelled', 'skipped'].some(isUnfinished)).toBe(false);
  });
});

describe('formatDuration', () => {
  const start = '2026-12-01T10:00:00Z';
  it.each([
    ['2026-12-01T10:00:45Z', '45s'],
    ['2026-12-01T10:03:05Z', '3m 05s'],
    ['2026-12-01T12:04:59Z', '2h 04m'],
    ['2026-12-01T09:59:00Z', '0s'],
  ])('to %s is %s', (end, text) => {
    expect(formatDuration(start, end)).toBe(text);
  });

  it('runs to now while unfinished, and is empty without a start', () => {
    expect(formatDuration(start, null, new Date('2026-12-01T10:01:30Z'))).toBe('1m 30s');
    expect(formatDuration(null, null)).toBe('');
    expect(formatDuration('not a date', null)).toBe('');
  });
});

describe('parseCiQuery', () => {
  it.each([
    [{}, { branch: null, page: 1, run: null }],
    [
      { branch: 'feature/faster-quotes', page: '3' },
      { branch: 'feature/faster-quotes', page: 3, run: null },
    ],
    [
      { branch: ['main', 'x'], page: '99' },
      { branch: 'main', page: 50, run: null },
    ],
    [{ run: '123456' }, { branch: null, page: 1, run: 123456 }],
    // Values that cannot be a branch, page or run id list every branch's first page.
    [
      { branch: '../x', page: '0', run: '12a' },
      { branch: null, page: 1, run: null },
    ],
    [
      { branch: 'a//b', page: '-2', run: '0' },
      { branch: null, page: 1, run: null },
    ],
    [
      { branch: 'x'.repeat(201), page: '1.5', run: '1'.repeat(17) },
      { branch: null, page: 1, run: null },
    ],
    [
      { branch: 'has space', page: 'two' },
      { branch: null, page: 1, run: null },
    ],
  ])('%j', (query, parsed) => {
    expect(parseCiQuery(query, 50)).toEqual(parsed);
  });
});

describe('ciHref', () => {
  it('links the list of a branch and page, or one run', () => {
    const base = '/catalog/component/default/rates-service';
    expect(ciHref(base, {})).toBe(`${base}?tab=ci`);
    expect(ciHref(base, { branch: 'feature/x', page: 2 })).toBe(`${base}?tab=ci&branch=feature%2Fx&page=2`);
    expect(ciHref(base, { branch: 'main', page: 1 })).toBe(`${base}?tab=ci&branch=main`);
    expect(ciHref(base, { run: 7, branch: 'main' })).toBe(`${base}?tab=ci&run=7`);
  });
});
