import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getDb } from '@/lib/db/client';
import { WEEKS_SHOWN, type Metric } from '../model/metric';
import { percent } from '../model/stats';
import { dauWauOf, daysEnding, distinctPeople, type ActiveDay } from '../model/activity';
import { addDays, dayKey, lastWeeks } from '../model/weeks';
import type { TeamScope } from './scope';

// DAU / WAU from the activity rows (one per person per day), over the catalog's User entities.

type Row = ActiveDay & { userRef: string | null };

async function activeDays(since: Date): Promise<Row[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<Row>(
    `SELECT "userId", "userRef", to_char(day, 'YYYY-MM-DD') AS day FROM "ActivityDay" WHERE day >= $1::date`,
    [dayKey(since)],
  );
  return rows;
}

const peopleIn = (scope: TeamScope) => [...scope.members].filter((m) => m.startsWith('user:')).length;

/**
 * Why a team filter shows no activity, or null: with fewer than `insights.minTeamPeople` people in
 * the team, its days and pages would be one person's (or a few named people's) own.
 */
export function withheldActivity(scope: TeamScope | null): string | null {
  const min = getConfig().insights.minTeamPeople;
  const people = scope ? peopleIn(scope) : min;
  if (people >= min) return null;
  return `Activity is shown for teams of at least ${min} people, so that no one's own use can be read from it; ${scope!.team} has ${people} (members of the organisation's own teams: org sync and the config's locations).`;
}

async function countUsers(scope: TeamScope | null): Promise<number> {
  if (scope) return peopleIn(scope);
  const { driver } = await getDb();
  const { rows } = await driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM "Entity" WHERE kind = 'User'`);
  return rows[0]!.n;
}

export async function dauWau(scope: TeamScope | null, now: Date): Promise<Metric> {
  const weeks = lastWeeks(now, WEEKS_SHOWN);
  const metric = {
    id: 'dau-wau',
    title: 'Weekly and daily active people',
    unit: 'percent',
    target: 60,
    targetKind: 'at-least',
    measuredAt: now.toISOString(),
    howMeasured:
      'Distinct signed-in people who opened a portal page, per day (DAU) and per 7 days (WAU), over the number of User entities in the catalog. Activity is one row per person per day with page-pattern counts only; each week: the people active that ISO week.',
  } as const;
  const drillDown = { title: 'People active per day (last 14 days)', columns: ['Day', 'People', '% of users'] };
  const withheld = withheldActivity(scope);
  if (withheld)
    return {
      ...metric,
      value: null,
      status: 'no-data',
      statusMessage: withheld,
      summary: 'Not shown for this team: too few people',
      trend: weeks.map((start) => ({ week: dayKey(start), value: null })),
      drillDown: { ...drillDown, rows: [] },
    };
  const all = (await activeDays(weeks[0]!)).filter((r) => !scope || (r.userRef !== null && scope.members.has(r.userRef)));
  const users = await countUsers(scope);
  const { wau, dau, wauPercent: value, dauPercent } = dauWauOf(all, users, now);
  return {
    ...metric,
    value,
    ...(value === null ? { status: 'no-data' as const, statusMessage: 'The catalog has no User entities to measure against.' } : {}),
    summary: `${wau} of ${users} people signed in during the last 7 days (WAU ${value ?? '–'}%); on average ${dau} a day (DAU ${dauPercent ?? '–'}%)`,
    trend: weeks.map((start) => ({ week: dayKey(start), value: percent(distinctPeople(all, daysEnding(addDays(start, 6), 7)), users) })),
    drillDown: {
      ...drillDown,
      rows: daysEnding(now, 14).map((d) => {
        const n = distinctPeople(all, [d]);
        return { cells: [d, n, percent(n, users)] };
      }),
    },
  };
}

export type UsageRow = { name: string; uses: number; people: number };

/** The most used page patterns and actions of the last `days` days (`withheld`: why none are shown). */
export async function topUsage(
  scope: TeamScope | null,
  now: Date,
  days = 30,
  limit = 10,
): Promise<{ pages: UsageRow[]; actions: UsageRow[]; withheld?: string }> {
  const withheld = withheldActivity(scope);
  if (withheld) return { pages: [], actions: [], withheld };
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
