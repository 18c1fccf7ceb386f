import { percent } from './stats';
import { addDays, dayKey, dayOf } from './weeks';

// DAU / WAU from activity rows (one per person and UTC day).

export type ActiveDay = { userId: string; day: string };

/** Distinct people active on any of the given days (YYYY-MM-DD). */
export function distinctPeople(rows: readonly ActiveDay[], days: readonly string[]): number {
  const wanted = new Set(days);
  return new Set(rows.filter((r) => wanted.has(r.day)).map((r) => r.userId)).size;
}

/** The `count` UTC days ending with the day of `end`, newest first. */
export function daysEnding(end: Date, count: number): string[] {
  const last = dayOf(end);
  return Array.from({ length: count }, (_, i) => dayKey(addDays(last, -i)));
}

/**
 * WAU: distinct people of the 7 days ending today; DAU: the average of those days' distinct
 * people (today counts as a whole day); both also as a share of `users`.
 */
export function dauWauOf(rows: readonly ActiveDay[], users: number, now: Date) {
  const week = daysEnding(now, 7);
  const wau = distinctPeople(rows, week);
  const dau = Math.round((week.reduce((sum, d) => sum + distinctPeople(rows, [d]), 0) / 7) * 10) / 10;
  return { wau, dau, wauPercent: percent(wau, users), dauPercent: percent(dau, users) };
}
