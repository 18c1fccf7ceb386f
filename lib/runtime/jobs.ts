import 'server-only';
import { ingestLocationJob, reconcileCatalogJob } from '@/lib/catalog';
import { buildDocsJob, reconcileDocsJob } from '@/lib/docs';
import { syncConfigLocations } from '@/lib/catalog/location-admin';
import { dailyInsightsJob, syncInventoryJob } from '@/lib/insights';
import { recoverScaffolderTasksJob, runScaffolderTaskJob } from '@/lib/scaffolder';
import { onEntitiesWritten } from '@/lib/catalog/ingest/write-listeners';
import { queueRescore, rescoreAllJob, rescoreEntitiesJob } from '@/lib/scorecards';
import { getConfig } from '@/lib/config/load-config';
import { cronEvery } from '@/lib/jobs/cron';
import { enqueue, type JobDefinition } from '@/lib/jobs/define-job';
import { getQueue } from '@/lib/jobs/queue';
import { dailyUpkeepJob } from './upkeep';
import { processDeliveryJob } from './webhooks';

/** The catalog's jobs: started first (see lib/runtime/start.ts). */
export const CATALOG_JOBS: JobDefinition[] = [ingestLocationJob, reconcileCatalogJob];

/** The other domains' jobs, started once the catalog's first pass is queued. */
export const OTHER_JOBS: JobDefinition[] = [
  processDeliveryJob,
  buildDocsJob,
  reconcileDocsJob,
  runScaffolderTaskJob,
  recoverScaffolderTasksJob,
  syncInventoryJob,
  dailyInsightsJob,
  dailyUpkeepJob,
  rescoreAllJob,
  rescoreEntitiesJob,
];

/** Every job this app runs; workers (in-app or `npm run worker`) poll all of them. */
export const ALL_JOBS: JobDefinition[] = [...CATALOG_JOBS, ...OTHER_JOBS];

// Entities the catalog writes are rescored within seconds (a queued job per written batch).
onEntitiesWritten(queueRescore);

/**
 * Once the queue is up: schedule reconciliation (cron has minute granularity, so the interval is
 * rounded up to whole minutes) and queue one pass now, which catches up on anything that changed
 * while the app was down. The app serves at once: on the first start the configured catalog (the
 * example organisation) fills in behind, and pages show how many of its locations are read. The
 * configured locations are recorded first, so that count is right from the first request.
 */
export async function startCatalog(): Promise<void> {
  const boss = await getQueue();
  await syncConfigLocations();
  await enqueue(reconcileCatalogJob, {});
  await boss.schedule(reconcileCatalogJob.name, cronEvery(intervalMinutes()), {});
}

const intervalMinutes = () => Math.max(1, Math.ceil(getConfig().catalog.refreshIntervalSeconds / 60));

/** The other domains' first passes and schedules, once the catalog's first pass is queued. */
export async function onQueueStarted(): Promise<void> {
  const minutes = intervalMinutes();
  const boss = await getQueue();
  // Docs after the catalog: the first pass builds every site in the background.
  await enqueue(reconcileDocsJob, {});
  await boss.schedule(reconcileDocsJob.name, cronEvery(minutes), {});
  // Tasks whose instance stopped mid-run resume now, and every minute after.
  await enqueue(recoverScaffolderTasksJob, {});
  await boss.schedule(recoverScaffolderTasksJob.name, '* * * * *', {});
  // Insights: the repository inventory on the reconciliation interval; pruning and snapshots daily.
  await enqueue(syncInventoryJob, {});
  await boss.schedule(syncInventoryJob.name, cronEvery(minutes), {});
  await enqueue(dailyInsightsJob, {});
  await boss.schedule(dailyInsightsJob.name, '17 3 * * *', {});
  // Tables that only grow otherwise (unused GitHub answers, expired sessions): daily.
  await boss.schedule(dailyUpkeepJob.name, '27 3 * * *', {});
  // Scorecards: a full pass now (after the catalog's first pass is queued) and every hour; the
  // hourly pass also records the day's snapshot (trend, burn-ups).
  await enqueue(rescoreAllJob, {});
  await boss.schedule(rescoreAllJob.name, '7 * * * *', {});
}
