import 'server-only';
import { ingestLocationJob, reconcileCatalogJob } from '@/lib/catalog/jobs';
import { buildDocsJob, reconcileDocsJob } from '@/lib/docs';
import { processDeliveryJob } from '@/lib/github/webhooks/process-delivery';
import { recoverScaffolderTasksJob, runScaffolderTaskJob } from '@/lib/scaffolder';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { enqueue, type JobDefinition } from './define-job';
import { getQueue } from './queue';

/** Every job this app runs; workers (in-app or `npm run worker`) poll all of them. */
export const ALL_JOBS: JobDefinition[] = [ingestLocationJob, reconcileCatalogJob, processDeliveryJob, buildDocsJob, reconcileDocsJob, runScaffolderTaskJob, recoverScaffolderTasksJob];

/**
 * Once the queue is up: schedule reconciliation (cron has minute granularity, so the interval is
 * rounded up to whole minutes) and run one pass now, which catches up on anything that changed
 * while the app was down. On the very first start the pass runs before the app serves, so the
 * portal opens with its catalog (the example organisation) loaded.
 */
export async function onQueueStarted(): Promise<void> {
  const minutes = Math.max(1, Math.ceil(getConfig().catalog.refreshIntervalSeconds / 60));
  const boss = await getQueue();
  const prisma = await getPrisma();
  const firstStart = (await prisma.location.count({ where: { lastIngestedAt: { not: null } } })) === 0;
  if (firstStart) await reconcileCatalogJob.run({});
  else await enqueue(reconcileCatalogJob, {});
  await boss.schedule(reconcileCatalogJob.name, cronEvery(minutes), {});
  // Docs after the catalog: the first pass builds every site in the background.
  await enqueue(reconcileDocsJob, {});
  await boss.schedule(reconcileDocsJob.name, cronEvery(minutes), {});
  // Tasks whose instance stopped mid-run resume now, and every minute after.
  await enqueue(recoverScaffolderTasksJob, {});
  await boss.schedule(recoverScaffolderTasksJob.name, '* * * * *', {});
}

/** A cron expression for "every `minutes` minutes" (whole hours past 59 minutes). */
export function cronEvery(minutes: number): string {
  if (minutes <= 1) return '* * * * *';
  if (minutes < 60) return `*/${minutes} * * * *`;
  const hours = Math.min(24, Math.round(minutes / 60));
  return hours >= 24 ? '0 0 * * *' : `0 */${hours} * * *`;
}
