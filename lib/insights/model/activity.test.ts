import { describe, expect, it } from 'vitest';
import { dauWauOf, daysEnding, distinctPeople } from './activity';

const now = new Date('2026-12-02T10:00:00Z');
const row = (userId: string, day: string) => ({ userId, day });

describe('DAU / WAU', () => {
  it('counts a person once per week however many days they came', () => {
    const rows = [row('a', '2026-12-02'), row('a', '2026-12-01'), row('a', '2026-11-27'), row('b', '2026-11-30')];
    expect(dauWauOf(rows, 4, now)).toEqual({ wau: 2, dau: 0.6, wauPercent: 50, dauPercent: 15 });
  });

  it('leaves out the 8th day back, and counts today as a day', () => {
    const rows = [row('a', '2026-11-25'), row('b', '2026-11-26'), row('c', '2026-12-02')];
    expect(daysEnding(now, 7)).toEqual(['2026-12-02', '2026-12-01', '2026-11-30', '2026-11-29', '2026-11-28', '2026-11-27', '2026-11-26']);
    expect(dauWauOf(rows, 10, now)).toMatchObject({ wau: 2, wauPercent: 20 });
  });

  it('has no share without User entities', () => {
    expect(dauWauOf([row('a', '2026-12-02')], 0, now)).toMatchObject({ wau: 1, wauPercent: null, dauPercent: null });
  });

  it('counts distinct people over any set of days', () => {
    expect(distinctPeople([row('a', 'd1'), row('b', 'd1'), row('a', 'd2')], ['d1', 'd2'])).toBe(2);
    expect(distinctPeople([row('a', 'd1')], [])).toBe(0);
  });
});
