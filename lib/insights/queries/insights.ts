import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getDb } from '@/lib/db/client';
import { INCIDENT_ANNOTATIONS, incidentSummary } from '../model/incidents';
import { WEEKS_SHOWN, type Metric } from '../model/metric';
import { addDays, dayKey, lastWeeks } from '../model/weeks';
import { dauWau, topUsage, type UsageRow } from './activity';
import { docsFreshness } from './docs-freshness';
import { listRepositoryFacts, listTemplateTasks } from './repositories';
import { catalogCoverage, onboardingTime, templateUsage } from './repository-metrics';
import { teamScope } from './scope';
import { PERIOD_DAYS } from '../model/metric';

// Everything /insights shows, for the organisation or one team (a Group and the groups below it).

export type Insights = {
  team: string | null;
  metrics: Metric[];
  usage: { pages: UsageRow[]; actions: UsageRow[]; withheld?: string };
  searchMisses: { query: string; count: number; last: string }[];
};

const INCIDENT_KEYS = INCIDENT_ANNOTATIONS.map((a) => `metadata.annotations.${a}`);

async function mttr(now: Date): Promise<Metric> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ n: number }>(
    `SELECT count(DISTINCT "entityId")::int AS n FROM "EntitySearch" WHERE key = ANY($1::text[])`,
    [INCIDENT_KEYS],
  );
  const annotated = rows[0]!.n;
  return {
    id: 'mttr',
    title: 'Mean time to restore, per team',
    unit: 'minutes',
    target: 60,
    targetKind: 'at-most',
    value: null,
    measuredAt: now.toISOString(),
    status: 'needs-integration',
    statusMessage:
      'Needs an incident integration: connect an incident tool (PagerDuty, Opsgenie or incident.io) that reports when each incident opened and was resolved and which service it hit. None is configured, so no number is shown.',
    summary: incidentSummary(annotated),
    howMeasured:
      'Time from an incident opening to its resolution, averaged per owning team. Not measured until an incident integration exists.',
    trend: lastWeeks(now, WEEKS_SHOWN).map((w) => ({ week: dayKey(w), value: null })),
    drillDown: {
      title: 'What to connect',
      columns: ['Step'],
      rows: [
        { cells: ['Annotate services with their incident tool’s id (e.g. pagerduty.com/service-id).'] },
        { cells: ['Connect the incident tool to Wayfinder (an integration is not available yet).'] },
      ],
    },
  };
}

// The metrics read every repository, documented entity and 12 weeks of activity: one computation
// serves /insights and the API for insights.cacheSeconds (each instance its own, a cache only).
// measuredAt says when it was computed; this instance's own inventory changes clear it at once.
const CACHE = Symbol.for('wayfinder.insights.cache');
const cache = ((globalThis as unknown as { [CACHE]?: Map<string, { at: number; value: Promise<Insights> }> })[CACHE] ??= new Map());

export function clearInsightsCache(): void {
  cache.clear();
}

export async function getInsights(options: { team?: string | null; now?: Date } = {}): Promise<Insights> {
  const ttl = getConfig().insights.cacheSeconds * 1000;
  if (options.now || ttl === 0) return computeInsights(options);
  const key = options.team ?? '';
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < ttl) return hit.value;
  const value = computeInsights(options);
  cache.set(key, { at: Date.now(), value });
  value.catch(() => cache.delete(key));
  return value;
}

async function computeInsights(options: { team?: string | null; now?: Date }): Promise<Insights> {
  const now = options.now ?? new Date();
  const { ignoreTopics } = getConfig().insights;
  const scope = await teamScope(options.team);
  const [repos, tasks] = await Promise.all([listRepositoryFacts(), listTemplateTasks(addDays(now, -PERIOD_DAYS))]);
  const input = { repos, tasks, scope, now, ignoreTopics };
  // The independent reads run together (this is the uncached path every cache period pays for).
  const [activity, incidents, docs, usage, searchMisses] = await Promise.all([
    dauWau(scope, now),
    mttr(now),
    docsFreshness(scope, now),
    topUsage(scope, now),
    listSearchMisses(now),
  ]);
  const metrics = [catalogCoverage(input), templateUsage(input), activity, onboardingTime(input), incidents, docs];
  return { team: scope?.team ?? null, metrics, usage, searchMisses };
}

/** Searches that found nothing in the last 30 days, most frequent first. */
export async function listSearchMisses(now: Date, limit = 20): Promise<Insights['searchMisses']> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ query: string; count: number; last: Date | string }>(
    `SELECT query, count(*)::int AS count, max(at) AS last FROM "SearchMiss" WHERE at >= $1 GROUP BY query ORDER BY count DESC, last DESC LIMIT $2`,
    [addDays(now, -30), limit],
  );
  return rows.map((r) => ({ query: r.query, count: r.count, last: new Date(r.last).toISOString() }));
}

export type FeedbackRow = { id: string; at: string; userRef: string | null; pattern: string; useful: boolean; comment: string | null };

export async function listFeedback(limit = 500): Promise<FeedbackRow[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{
    id: string;
    at: Date | string;
    userRef: string | null;
    pattern: string;
    useful: boolean;
    comment: string | null;
  }>(`SELECT id, at, "userRef", pattern, useful, comment FROM "Feedback" ORDER BY at DESC LIMIT $1`, [limit]);
  return rows.map((r) => ({ ...r, at: new Date(r.at).toISOString() }));
}
