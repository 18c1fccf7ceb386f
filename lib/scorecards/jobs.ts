import 'server-only';
import { z } from 'zod';
import { getDb } from '@/lib/db/client';
import { defineJob, enqueue } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';
import { syncConfiguredScorecards } from './definitions';
import { VOUCHED } from '@/lib/catalog';
import { snapshotInitiatives } from './initiatives';
import { repositoryOf } from '@/lib/catalog/model';
import { snapshotScorecards } from './queries';
import { canReadRepositories, refreshRepositoryFacts } from './repository-facts';
import { rescoreAll, rescoreEntities } from './scoring';

/** A write this large is a bulk load: one full pass after it settles beats a rescore per batch. */
const BULK = 500;

/** Repository facts older than this are read again by the full rescore (webhooks keep them fresh between). */
const FACTS_MAX_AGE_MS = 24 * 3_600_000;

/**
 * Full pass: configured files re-read, stale repository facts refreshed, every entity rescored, and
 * today's snapshots (org trend, initiative burn-ups) recorded.
 */
export const rescoreAllJob = defineJob({
  name: 'scorecards.rescore-all',
  schema: z.object({}).passthrough(),
  queue: { policy: 'singleton' },
  run: async () => {
    await syncConfiguredScorecards();
    if (canReadRepositories()) await refreshStaleRepositoryFacts();
    const summary = await rescoreAll();
    await snapshotScorecards();
    await snapshotInitiatives();
    getLogger().info(summary, 'scorecards rescored');
  },
});

/** Rescores entities a catalog write touched (queued by the catalog's write listener). */
export const rescoreEntitiesJob = defineJob({
  name: 'scorecards.rescore-entities',
  schema: z.object({ refs: z.array(z.string()).max(BULK) }),
  concurrency: 1,
  run: async ({ refs }) => {
    await rescoreEntities(refs);
  },
});

/** The catalog's write listener: rescoring is queued, so ingestion never waits for it. */
export async function queueRescore(refs: string[]): Promise<void> {
  try {
    // The batches of one load share full passes: one per 30 s slot (pg-boss's debounce: a batch
    // written while a slot's pass is queued queues the next slot's, which sees what that one missed),
    // the first 10 s after the first batch. The queue's singleton policy alone only keeps passes from
    // running at once; a load of 15 batches queued 15.
    if (refs.length >= BULK)
      await enqueue(rescoreAllJob, {}, { singletonKey: 'after-bulk-write', singletonSeconds: 30, singletonNextSlot: true, startAfter: 10 });
    else await enqueue(rescoreEntitiesJob, { refs });
  } catch (err) {
    getLogger().error({ err, entities: refs.length }, 'could not queue the scorecard rescore; the next full rescore catches up');
  }
}

async function refreshStaleRepositoryFacts(): Promise<void> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ body: unknown; vouched: boolean }>(
    `SELECT "body", ${VOUCHED} AS "vouched" FROM "Entity" WHERE lower("kind") = 'component'`,
  );
  const repos = new Map<string, string | null>();
  for (const { body, vouched } of rows) {
    const repo = repositoryOf((typeof body === 'string' ? JSON.parse(body) : body) as { metadata?: Record<string, unknown> }, vouched);
    if (repo && !repo.unbelieved && !repos.get(repo.name)) repos.set(repo.name, repo.webUrl);
  }
  const { rows: fresh } = await driver.query<{ repository: string }>(
    `SELECT "repository" FROM "RepositoryFacts" WHERE "refreshedAt" > $1`,
    [new Date(Date.now() - FACTS_MAX_AGE_MS).toISOString()],
  );
  const skip = new Set(fresh.map((f) => f.repository));
  for (const [name, webUrl] of repos) {
    if (skip.has(name)) continue;
    // Rests as long as each repository took: a pass over thousands of repositories (the first one,
    // or after a day) takes at most about half of the process's time, and pages, API reads and
    // webhooks keep the rest.
    const started = performance.now();
    await refreshRepositoryFacts(name, webUrl);
    await new Promise((resolve) => setTimeout(resolve, performance.now() - started));
  }
}
