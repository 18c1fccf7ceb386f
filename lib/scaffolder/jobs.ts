import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { defineJob, enqueue } from '@/lib/jobs/define-job';
import { LEASE_MS, runTask } from './runner/run-task';

/** Runs (or resumes) one task; a task held by a live instance is left to it. */
export const runScaffolderTaskJob = defineJob({
  name: 'scaffolder.run-task',
  schema: z.object({ taskId: z.uuid() }),
  // The runner records its own failures on the task; a crashed run is resumed by recovery, not retried blind.
  queue: { retryLimit: 0, expireInSeconds: 3_600 },
  concurrency: 2,
  run: async ({ taskId }) => runTask(taskId),
});

/**
 * Finds tasks nobody is running — processing with a stale lease (their instance stopped), or open
 * and never picked up — and queues them again, so no task stays "processing" forever.
 */
export const recoverScaffolderTasksJob = defineJob({
  name: 'scaffolder.recover-tasks',
  schema: z.object({}).passthrough(),
  queue: { policy: 'singleton' },
  run: async () => {
    await recoverTasks();
  },
});

export async function recoverTasks(): Promise<string[]> {
  const prisma = await getPrisma();
  const stale = new Date(Date.now() - LEASE_MS);
  const rows = await prisma.scaffolderTask.findMany({
    where: {
      status: { in: ['open', 'processing'] },
      OR: [{ heartbeatAt: null, createdAt: { lt: new Date(Date.now() - 10_000) } }, { heartbeatAt: { lt: stale } }],
    },
    select: { id: true },
    take: 100,
  });
  for (const r of rows) await enqueue(runScaffolderTaskJob, { taskId: r.id }, { singletonKey: r.id });
  return rows.map((r) => r.id);
}
