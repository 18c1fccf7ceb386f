import 'server-only';
import { ingestLocationJob, reconcileCatalogJob } from '@/lib/catalog/jobs';
import { buildDocsJob, reconcileDocsJob } from '@/lib/docs';
import { syncConfigLocations } from '@/lib/catalog/locations';
import { processDeliveryJob } from '@/lib/github/webhooks/process-delivery';
import { recoverScaffolderTasksJob, runScaffolderTaskJob } from '@/lib/scaffolder';
import { onEntitiesWritten } from '@/lib/catalog/ingest/write-listeners';
import { queueRescore, rescoreAllJob, rescoreEntitiesJob } from '@/lib/scorecards';
import { getConfig } from '@/lib/config/load-config';
import { enqueue, type JobDefinition } from './define-job';
import { getQueue } from './queue';

/** Every job this app runs; workers (in-app or `npm run worker`) poll all of them. */
export const ALL_JOBS: JobDefinition[] = [
  ingestLocationJob, reconcileCatalogJob, processDeliveryJob, buildDocsJob, reconcileDocsJob, runScaffolderTaskJob, recoverScaffolderTasksJob, rescoreAllJob, rescoreEntitiesJob,
];

// Entities the catalog writes are rescored within seconds (a queued job per written batch).
onEntitiesWritten(queueRescore);

/**
 * Once the queue is up: schedule reconciliation (cron has minute granularity, so the interval is
 * rounded up to whole minutes) and queue one pass now, which catches up on anything that changed
 * while the app was down. The app serves at once: on the first start the configured catalog (the
 * example organisation) fills in behind, and pages show how many of its locations are read. The
 * configured locations are recorded first, so that count is right from the first request.
 */
export async function onQueueStarted(): Promise<void> {
  const minutes = Math.max(1, Math.ceil(getConfig().catalog.refreshIntervalSeconds / 60));
  const boss = await getQueue();
  await syncConfigLocations();
  await enqueue(reconcileCatalogJob, {});
  await boss.schedule(reconcileCatalogJob.name, cronEvery(minutes), {});
  // Docs after the catalog: the first pass builds every site in the background.
  await enqueue(reconcileDocsJob, {});
  await boss.schedule(reconcileDocsJob.name, cronEvery(minutes), {});
  // Tasks whose instance stopped mid-run resume now, and every minute after.
  await enqueue(recoverScaffolderTasksJob, {});
  await boss.schedule(recoverScaffolderTasksJob.name, '* * * * *', {});
  // Scorecards: a full pass now (after the catalog's first pass is queued) and every hour; the
  // hourly pass also records the day's snapshot (trend, burn-ups).
  await enqueue(rescoreAllJob, {});
  await boss.schedule(rescoreAllJob.name, '7 * * * *', {});
}

/** A cron expression for "every `minutes` minutes" (whole hours past 59 minutes). */
export function cronEvery(minutes: number): string {
  if (minutes <= 1) return '* * * * *';
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.min(24, Math.round(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}
