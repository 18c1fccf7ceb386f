import { describe, expect, it } from 'vitest';
import { median, percent, percentile } from './stats';
import { addDays, dayKey, lastWeeks, weekStart } from './weeks';

describe('median and p90', () => {
  it.each([
    [[], null, null],
    [[42], 42, 42],
    [[30, 10, 20], 20, 30],
    [[10, 20, 30, 40], 25, 40],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 5.5, 9],
    [[5, 1, 4, 2, 3, 6, 7, 8, 9, 10, 100], 6, 10],
  ])('%j → median %s, p90 %s', (values, med, p90) => {
    expect(median(values)).toBe(med);
    expect(percentile(values, 90)).toBe(p90);
  });

  it('does not reorder the caller’s values', () => {
    const values = [3, 1, 2];
    median(values);
    percentile(values, 90);
    expect(values).toEqual([3, 1, 2]);
  });
});

describe('percent', () => {
  it.each([
    [0, 0, null],
    [0, 4, 0],
    [1, 3, 33.3],
    [2, 3, 66.7],
    [19, 20, 95],
  ])('%s of %s → %s', (part, whole, expected) => expect(percent(part, whole)).toBe(expected));
});

describe('week boundaries (ISO weeks, UTC)', () => {
  it.each([
    ['2026-11-30T00:00:00Z', '2026-11-30'], // a Monday starts its own week
    ['2026-12-06T23:59:59Z', '2026-11-30'], // Sunday night is still that week
    ['2026-12-07T00:00:00Z', '2026-12-07'],
    ['2026-01-01T12:00:00Z', '2025-12-29'], // across a year boundary
  ])('%s is in the week of %s', (at, monday) => expect(dayKey(weekStart(new Date(at)))).toBe(monday));

  it('lists the last weeks oldest first, ending with the current one', () => {
    expect(lastWeeks(new Date('2026-12-02T10:00:00Z'), 3).map(dayKey)).toEqual(['2026-11-16', '2026-11-23', '2026-11-30']);
  });

  it('counts days in UTC whatever the offset of the instant', () => {
    expect(dayKey(new Date('2026-12-01T23:30:00-02:00'))).toBe('2026-12-02');
    expect(dayKey(addDays(new Date('2026-03-28T12:00:00Z'), 2))).toBe('2026-03-30');
  });
});
