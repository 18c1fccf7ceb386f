import 'server-only';
import { personOf } from '@/lib/auth/activity';
import type { Actor } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config/load-config';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';
import type { RoutePattern } from './model/route-patterns';
import { addDays, dayKey, dayOf } from './model/weeks';
import { isFresh, listDocumented } from './queries/docs-freshness';
import { clearInsightsCache } from './queries/insights';

// Writes of the insights domain (activity counts are written by lib/auth/activity.ts): zero-result searches, feedback, the repository
// inventory and first deployments, and the daily upkeep (pruning, docs snapshots).

/**
 * Searches that found nothing recorded in one (UTC) day. Any member's script can search for
 * nothing: without a cap it grows the table by a row a request, kept as long as activity.
 */
const MAX_SEARCH_MISSES_PER_DAY = 10_000;

/** Records a search that found nothing (the query only, not who asked), up to MAX_SEARCH_MISSES_PER_DAY a day. */
export async function recordSearchMiss(query: string, source: 'page' | 'api', at = new Date()): Promise<void> {
  const q = query.trim().toLowerCase().slice(0, 200);
  if (!q) return;
  const day = dayOf(at);
  try {
    const { driver } = await getDb();
    await driver.query(
      `INSERT INTO "SearchMiss" (query, source, at)
       SELECT $1, $2, $3 WHERE (SELECT count(*) FROM (SELECT 1 FROM "SearchMiss" WHERE at >= $4 AND at < $5 LIMIT $6) AS today) < $6`,
      [q, source, at, day, addDays(day, 1), MAX_SEARCH_MISSES_PER_DAY],
    );
  } catch (err) {
    getLogger().warn({ err }, 'could not record a search that found nothing');
  }
}

/** Stores an answer to "Was this useful?", at most `insights.feedbackPerHour` per person. */
export async function submitFeedback(
  actor: Actor,
  input: { pattern: RoutePattern; useful: boolean; comment?: string | null },
  at = new Date(),
): Promise<{ id: string }> {
  const person = personOf(actor);
  if (!person) throw new AppError('FORBIDDEN', 'feedback comes from a signed-in person');
  const limit = getConfig().insights.feedbackPerHour;
  const { driver } = await getDb();
  // Count and insert under a per-person lock held until commit: answers sent at once would
  // otherwise all count the same hour before any of them is stored, and all be stored.
  const stored = await driver.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [`wayfinder.feedback:${person.userId}`]);
    const recent = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Feedback" WHERE "userId" = $1 AND at > $2`, [
      person.userId,
      new Date(at.getTime() - 3_600_000),
    ]);
    if (recent.rows[0]!.n >= limit) return null;
    const { rows } = await query<{ id: string }>(
      `INSERT INTO "Feedback" ("userId", "userRef", pattern, useful, comment, at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [person.userId, person.userRef, input.pattern, input.useful, input.comment?.trim() || null, at],
    );
    return rows[0]!;
  });
  if (!stored) {
    throw new AppError(
      'CONFLICT',
      `You have sent ${limit} answers in the last hour, the most one person may; your answer was not saved — please try again later.`,
    );
  }
  return stored;
}

export type RepositoryFact = {
  owner: string;
  name: string;
  htmlUrl: string;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
  createdAt: Date;
  /** Left out: the teams already recorded stay (webhooks do not carry them). */
  teams?: string[];
};

/** One key per repository: its web URL, lower-cased (what GithubRepository.url holds). */
export const repositoryKey = (htmlUrl: string) => htmlUrl.replace(/\/+$/, '').toLowerCase();

/**
 * Records (or refreshes) a repository of the inventory. Deliveries may arrive out of order: a
 * `deleted` one (`deletedAt` set) leaves a tombstone, and a later-processed `created` of the same
 * repository (created before the deletion) does not bring it back; one created after it does.
 */
export async function upsertRepository(r: RepositoryFact, options: { deletedAt?: Date } = {}): Promise<void> {
  const { driver } = await getDb();
  await driver.query(
    `INSERT INTO "GithubRepository" (url, owner, name, "htmlUrl", "defaultBranch", archived, fork, topics, teams, "createdAt", "deletedAt", "updatedAt")
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9::text[], '{}'), $10, $11, now())
     ON CONFLICT (url) DO UPDATE SET owner = EXCLUDED.owner, name = EXCLUDED.name, "htmlUrl" = EXCLUDED."htmlUrl", "defaultBranch" = EXCLUDED."defaultBranch",
       archived = EXCLUDED.archived, fork = EXCLUDED.fork, topics = EXCLUDED.topics, teams = coalesce($9::text[], "GithubRepository".teams),
       "createdAt" = EXCLUDED."createdAt", "updatedAt" = now(),
       "deletedAt" = CASE WHEN $11::timestamp IS NOT NULL THEN $11::timestamp
                          WHEN "GithubRepository"."deletedAt" >= EXCLUDED."createdAt" THEN "GithubRepository"."deletedAt" END`,
    [
      repositoryKey(r.htmlUrl),
      r.owner,
      r.name,
      r.htmlUrl,
      r.defaultBranch,
      r.archived,
      r.fork,
      r.topics,
      r.teams ?? null,
      r.createdAt,
      options.deletedAt ?? null,
    ],
  );
  clearInsightsCache();
}

/** A deleted repository leaves every metric but keeps its row. */
export async function markRepositoryDeleted(url: string, at = new Date()): Promise<void> {
  const { driver } = await getDb();
  await driver.query(`UPDATE "GithubRepository" SET "deletedAt" = $2, "updatedAt" = now() WHERE url = $1 AND "deletedAt" IS NULL`, [
    repositoryKey(url),
    at,
  ]);
}

/** Reconciliation: repositories of an organisation that its listing no longer shows are deleted. */
export async function markUnlistedDeleted(orgUrl: string, listed: string[], at = new Date()): Promise<number> {
  const { driver } = await getDb();
  const prefix = `${repositoryKey(orgUrl)}/`;
  const { rows } = await driver.query<{ n: number }>(
    `WITH gone AS (UPDATE "GithubRepository" SET "deletedAt" = $3, "updatedAt" = now()
        WHERE left(url, length($1)) = $1 AND "deletedAt" IS NULL AND NOT (url = ANY($2::text[])) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [prefix, listed.map(repositoryKey), at],
  );
  return rows[0]!.n;
}

/** Keeps the earliest successful deployment of a repository. */
export async function recordDeployment(url: string, at: Date): Promise<void> {
  const { driver } = await getDb();
  await driver.query(
    `UPDATE "GithubRepository" SET "firstDeployedAt" = LEAST(coalesce("firstDeployedAt", $2), $2), "updatedAt" = now() WHERE url = $1`,
    [repositoryKey(url), at],
  );
  clearInsightsCache();
}

/** Deletes activity rows older than `insights.activityRetentionDays`; returns how many went. */
export async function pruneActivity(now = new Date()): Promise<number> {
  const { driver } = await getDb();
  const cutoff = dayKey(addDays(now, -getConfig().insights.activityRetentionDays));
  const { rows } = await driver.query<{ n: number }>(
    `WITH gone AS (DELETE FROM "ActivityDay" WHERE day < $1::date RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [cutoff],
  );
  return rows[0]!.n;
}

/**
 * Deletes searches that found nothing older than `insights.activityRetentionDays` (what people
 * typed is kept no longer than what they did); returns how many went.
 */
export async function pruneSearchMisses(now = new Date()): Promise<number> {
  const { driver } = await getDb();
  const cutoff = addDays(now, -getConfig().insights.activityRetentionDays);
  const { rows } = await driver.query<{ n: number }>(
    `WITH gone AS (DELETE FROM "SearchMiss" WHERE at < $1 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
    [cutoff],
  );
  return rows[0]!.n;
}

/** Today's docs freshness per owner, for the weekly trend (one row per owner and day). */
export async function snapshotDocsFreshness(now = new Date()): Promise<void> {
  const byOwner = new Map<string, { documented: number; fresh: number }>();
  for (const d of await listDocumented()) {
    const row = byOwner.get(d.owner ?? '') ?? { documented: 0, fresh: 0 };
    row.documented++;
    if (isFresh(d, now)) row.fresh++;
    byOwner.set(d.owner ?? '', row);
  }
  const { driver } = await getDb();
  await driver.transaction(async (query) => {
    await query(`DELETE FROM "DocsFreshnessDay" WHERE day = $1::date`, [dayKey(now)]);
    for (const [owner, row] of byOwner) {
      await query(`INSERT INTO "DocsFreshnessDay" (day, owner, documented, fresh) VALUES ($1::date, $2, $3, $4)`, [
        dayKey(now),
        owner,
        row.documented,
        row.fresh,
      ]);
    }
  });
}
