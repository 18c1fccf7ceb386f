import 'server-only';
import { getDb } from '@/lib/db/client';
import { WEEKS_SHOWN, type Metric } from '../model/metric';
import { percent } from '../model/stats';
import { addDays, dayKey, dayOf, lastWeeks } from '../model/weeks';
import type { TeamScope } from './scope';

// DAU / WAU from the activity rows (one per person per day), over the catalog's User entities.

type ActiveDay = { userId: string; userRef: string | null; day: string };

async function activeDays(since: Date): Promise<ActiveDay[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ userId: string; userRef: string | null; day: string }>(
    `SELECT "userId", "userRef", to_char(day, 'YYYY-MM-DD') AS day FROM "ActivityDay" WHERE day >= $1::date`,
    [dayKey(since)],
  );
  return rows;
}

async function countUsers(scope: TeamScope | null): Promise<number> {
  if (scope) return [...scope.members].filter((m) => m.startsWith('user:')).length;
  const { driver } = await getDb();
  const { rows } = await driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Entity" WHERE kind = 'User'`);
  return rows[0]!.n;
}

const distinct = (rows: ActiveDay[]) => new Set(rows.map((r) => r.userId)).size;

export async function dauWau(scope: TeamScope | null, now: Date): Promise<Metric> {
  const weeks = lastWeeks(now, WEEKS_SHOWN);
  const all = (await activeDays(weeks[0]!)).filter((r) => !scope || (r.userRef !== null && scope.members.has(r.userRef)));
  const users = await countUsers(scope);
  const today = dayOf(now);
  const lastSeven = Array.from({ length: 7 }, (_, i) => dayKey(addDays(today, -i)));
  const wau = distinct(all.filter((r) => lastSeven.includes(r.day)));
  const dauAverage = Math.round((lastSeven.reduce((sum, d) => sum + distinct(all.filter((r) => r.day === d)), 0) / 7) * 10) / 10;
  const value = percent(wau, users);
  return {
    id: 'dau-wau',
    title: 'Weekly and daily active people',
    unit: 'percent',
    target: 60,
    targetKind: 'at-least',
    value,
    measuredAt: now.toISOString(),
    ...(value === null ? { status: 'no-data' as const, statusMessage: 'The catalog has no User entities to measure against.' } : {}),
    summary: `${wau} of ${users} people signed in during the last 7 days (WAU ${value ?? '–'}%); on average ${dauAverage} a day (DAU ${percent(dauAverage, users) ?? '–'}%)`,
    howMeasured: 'Distinct signed-in people who opened a portal page, per day (DAU) and per 7 days (WAU), over the number of User entities in the catalog. Activity is one row per person per day with page-pattern counts only; each week: the people active that ISO week.',
    trend: weeks.map((start) => {
      const days = Array.from({ length: 7 }, (_, i) => dayKey(addDays(start, i)));
      return { week: dayKey(start), value: percent(distinct(all.filter((r) => days.includes(r.day))), users) };
    }),
    drillDown: {
      title: 'People active per day (last 14 days)',
      columns: ['Day', 'People', '% of users'],
      rows: Array.from({ length: 14 }, (_, i) => dayKey(addDays(today, -i))).map((d) => {
        const n = distinct(all.filter((r) => r.day === d));
        return { cells: [d, n, percent(n, users)] };
      }),
    },
  };
}

export type UsageRow = { name: string; uses: number; people: number };

/** The most used page patterns and actions of the last `days` days. */
export async function topUsage(scope: TeamScope | null, now: Date, days = 30, limit = 10): Promise<{ pages: UsageRow[]; actions: UsageRow[] }> {
  const { driver } = await getDb();
  const members = scope ? [...scope.members] : null;
  const top = async (column: 'pages' | 'actions') =>
    (
      await driver.query<UsageRow>(
        `SELECT k.key AS name, sum(k.value::int)::int AS uses, count(DISTINCT a."userId")::int AS people
           FROM "ActivityDay" a, jsonb_each_text(a.${column}) k
          WHERE a.day >= $1::date AND ($2::text[] IS NULL OR a."userRef" = ANY($2::text[]))
          GROUP BY k.key ORDER BY uses DESC, k.key LIMIT $3`,
        [dayKey(addDays(now, -days + 1)), members, limit],
      )
    ).rows;
  return { pages: await top('pages'), actions: await top('actions') };
}
