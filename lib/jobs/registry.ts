import 'server-only';
import { ingestLocationJob, reconcileCatalogJob } from '@/lib/catalog/jobs';
import { processDeliveryJob } from '@/lib/github/webhooks/process-delivery';
import { getConfig } from '@/lib/config/load-config';
import { enqueue, type JobDefinition } from './define-job';
import { getQueue } from './queue';

/** Every job this app runs; workers (in-app or `npm run worker`) poll all of them. */
export const ALL_JOBS: JobDefinition[] = [ingestLocationJob, reconcileCatalogJob, processDeliveryJob];

/**
 * Once the queue is up: schedule reconciliation (cron has minute granularity, so the interval is
 * rounded up to whole minutes) and run one pass now, which loads the example organisation on the
 * first start and catches up on anything that changed while the app was down.
 */
export async function onQueueStarted(): Promise<void> {
  const minutes = Math.max(1, Math.ceil(getConfig().catalog.refreshIntervalSeconds / 60));
  const boss = await getQueue();
  await enqueue(reconcileCatalogJob, {});
  await boss.schedule(reconcileCatalogJob.name, minutes === 1 ? '* * * * *' : `*/${minutes} * * * *`, {});
}
