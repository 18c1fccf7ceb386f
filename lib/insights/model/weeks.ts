// Weeks are ISO weeks in UTC: Monday 00:00 to the next Monday, labelled by their Monday's date.
// Days are UTC dates; a person's activity is counted on the UTC day it happened.

const DAY_MS = 86_400_000;

/** The UTC date (midnight) of an instant. */
export function dayOf(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

/** `YYYY-MM-DD` of an instant's UTC day. */
export function dayKey(at: Date): string {
  return dayOf(at).toISOString().slice(0, 10);
}

/** Monday 00:00 UTC of the ISO week holding the instant. */
export function weekStart(at: Date): Date {
  const day = dayOf(at);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY_MS);
}

/** The last `count` week starts, oldest first, ending with the week that holds `now`. */
export function lastWeeks(now: Date, count: number): Date[] {
  const current = weekStart(now);
  return Array.from({ length: count }, (_, i) => addDays(current, -7 * (count - 1 - i)));
}
