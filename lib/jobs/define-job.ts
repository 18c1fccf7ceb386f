import 'server-only';
import type PgBoss from 'pg-boss';
import type { z } from 'zod';
import type { QueryFn } from '@/lib/db/driver';
import { getLogger } from '@/lib/observability/logger';
import { getDb } from '@/lib/db/client';
import { getQueue, JOBS_CHANNEL, wakeLocalWorkers, workersByQueue } from './queue';

export type JobDefinition<S extends z.ZodType = z.ZodType> = {
  /** Queue name, `domain.verb-noun`. */
  name: string;
  schema: S;
  run: (data: z.infer<S>) => Promise<void>;
  /** Queue policy and retry settings (pg-boss). */
  queue?: Omit<PgBoss.Queue, 'name'>;
  /** Workers of this process polling the queue. */
  concurrency?: number;
};

export function defineJob<S extends z.ZodType>(job: JobDefinition<S>): JobDefinition<S> {
  return job;
}

// One creation per queue and process, shared by concurrent callers: concurrent createQueue calls
// for one name can deadlock in PostgreSQL.
const createdBy = new WeakMap<PgBoss, Map<string, Promise<void>>>();

function ensureQueue(boss: PgBoss, job: JobDefinition): Promise<void> {
  const created = createdBy.get(boss) ?? new Map<string, Promise<void>>();
  createdBy.set(boss, created);
  let pending = created.get(job.name);
  if (!pending) {
    const create = () => boss.createQueue(job.name, { name: job.name, retryLimit: 3, retryDelay: 5, retryBackoff: true, ...job.queue });
    // Another instance creating the same queue at the same moment can still deadlock: retry once.
    pending = create().catch((err: { code?: string }) => (err.code === '40P01' ? create() : Promise.reject(err)));
    pending.catch(() => created.delete(job.name));
    created.set(job.name, pending);
  }
  return pending;
}

/**
 * Queues a job; returns its id (null when a singleton policy dropped a duplicate). The job is stored
 * first (it survives a restart); then this process's own workers of that queue, if any, are woken
 * so they fetch it at once, and on PostgreSQL the job is announced to other processes' workers
 * (JOBS_CHANNEL) instead of waiting for their next poll.
 */
export async function enqueue<S extends z.ZodType>(
  job: JobDefinition<S>,
  data: z.infer<S>,
  options: PgBoss.SendOptions = {},
): Promise<string | null> {
  const boss = await getQueue();
  await ensureQueue(boss, job as JobDefinition);
  const id = await boss.send(job.name, job.schema.parse(data) as object, options);
  if (id && !options.startAfter) {
    const { driver } = await getDb();
    if (driver.kind === 'postgres') await announce(driver.query, job.name);
    wakeLocalWorkers(boss, job.name);
  }
  return id;
}

/** Announces a queued job to every listening process (lib/jobs/queue.ts); within a transaction, on commit. */
async function announce(query: QueryFn, queue: string): Promise<void> {
  await query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, queue]);
}

/** Wakes this process's workers of the job's queue, so a job just committed is fetched at once. */
export async function wakeWorkers(job: JobDefinition): Promise<void> {
  wakeLocalWorkers(await getQueue(), job.name);
}

/**
 * Queues a job inside the caller's database transaction (pg-boss inserts it through the given
 * query), so the job exists exactly when the caller's own writes commit; call wakeWorkers after the
 * commit so this process's workers fetch it at once. Returns the sender once
 * the queue exists: creating it cannot happen inside the transaction (on PGlite, one connection,
 * pg-boss's own queries wait until the transaction ends).
 */
export async function prepareTransactionalEnqueue<S extends z.ZodType>(
  job: JobDefinition<S>,
): Promise<(data: z.infer<S>, query: QueryFn) => Promise<string | null>> {
  const boss = await getQueue();
  await ensureQueue(boss, job as JobDefinition);
  const { driver } = await getDb();
  return async (data, query) => {
    const id = await boss.send(job.name, job.schema.parse(data) as object, { db: { executeSql: (text, values) => query(text, values) } });
    if (id && driver.kind === 'postgres') await announce(query, job.name);
    return id;
  };
}

const POLL_SECONDS = 2;

/** Starts polling workers for the given jobs in this process. */
export async function startWorkers(jobs: JobDefinition[]): Promise<void> {
  const boss = await getQueue();
  for (const job of jobs) {
    await ensureQueue(boss, job);
    const log = getLogger().child({ job: job.name });
    const handler = async ([item]: PgBoss.Job<object>[]) => {
      const started = performance.now();
      try {
        // Inside the try: a payload that no longer fits (queued by an older version) is logged too.
        await job.run(job.schema.parse(item.data));
        log.debug({ jobId: item.id, ms: Math.round(performance.now() - started) }, 'job done');
      } catch (err) {
        log.error({ err, jobId: item.id }, 'job failed');
        throw err;
      }
    };
    // pg-boss 10 runs one job at a time per work() call: register one poller per unit of concurrency.
    // Queued jobs wake their workers (enqueue, JOBS_CHANNEL): the poll only picks up scheduled jobs
    // and retries, so it can be slow and cheap while idle.
    const ids: string[] = [];
    for (let i = 0; i < (job.concurrency ?? 1); i++) {
      ids.push(await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: POLL_SECONDS }, handler));
    }
    workersByQueue.set(job.name, ids);
  }
}

/** Queued (not yet active) jobs per queue, for health and metrics. */
export async function queueDepths(jobs: JobDefinition[]): Promise<Record<string, number>> {
  const boss = await getQueue();
  const out: Record<string, number> = {};
  for (const job of jobs) {
    await ensureQueue(boss, job);
    out[job.name] = await boss.getQueueSize(job.name);
  }
  return out;
}
