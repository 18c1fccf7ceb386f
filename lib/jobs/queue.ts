import 'server-only';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { getDb } from '@/lib/db/client';
import type { Driver } from '@/lib/db/driver';
import { getLogger } from '@/lib/observability/logger';
import { listenOn, type Listener } from '@/lib/db/listen';

// Durable jobs in PostgreSQL (pg-boss, schema "pgboss"), on PGlite and PostgreSQL alike: pg-boss
// talks to our driver through its `db` option, so a job queued before a restart runs after it, and
// on PostgreSQL its SKIP LOCKED fetch gives a job to exactly one of several instances.

const KEY = Symbol.for('wayfinder.queue');
const store = globalThis as unknown as { [KEY]?: Promise<PgBoss> };

function bossDb(driver: Driver): PgBoss.Db {
  if (driver.kind === 'pglite') {
    return {
      // pg-boss sends its schema scripts without parameters; PGlite runs multi-statement text only via exec.
      executeSql: async (text, values) => {
        if (!values || values.length === 0) {
          const results = await driver.pglite.exec(text);
          return { rows: results.at(-1)?.rows ?? [] };
        }
        return { rows: (await driver.pglite.query(text, values)).rows };
      },
    };
  }
  return { executeSql: async (text, values) => ({ rows: (await driver.pool.query(text, values)).rows }) };
}

/** The started queue of this process (created on first use). */
export function getQueue(): Promise<PgBoss> {
  store[KEY] ??= (async () => {
    const { driver } = await getDb();
    const boss = new PgBoss({ db: bossDb(driver), schema: 'pgboss', supervise: true, schedule: true });
    boss.on('error', (err) => getLogger().error({ err }, 'job queue error'));
    await boss.start();
    if (driver.kind === 'postgres') {
      // Its connection goes back to the pool when the queue stops or the database closes (the
      // pool's end waits for every connection held).
      const listener = listenForJobs(driver.pool, (name) => wakeLocalWorkers(boss, name));
      boss.once('stopped', () => void listener.stop());
      driver.beforeClose(listener.stop);
    }
    return boss;
  })().catch((err) => {
    delete store[KEY];
    throw err;
  });
  return store[KEY];
}

export async function stopQueue(): Promise<void> {
  const pending = store[KEY];
  if (!pending) return;
  delete store[KEY];
  await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 });
}

// This process's workers by queue, on globalThis: Next bundles the webhook route (which enqueues)
// apart from instrumentation (which starts the workers).
const WORKERS = Symbol.for('wayfinder.workers');
export const workersByQueue = ((globalThis as unknown as { [WORKERS]?: Map<string, string[]> })[WORKERS] ??= new Map());

/** Wakes this process's workers of a queue, so they fetch a job just committed now, not at their next poll. */
export function wakeLocalWorkers(boss: PgBoss, queue: string): void {
  for (const worker of workersByQueue.get(queue) ?? []) boss.notifyWorker(worker);
}

/**
 * PostgreSQL's NOTIFY channel on which a queued job is announced (payload: the queue's name). The
 * notification is delivered when the queuing transaction commits, to every process listening: a
 * separate `npm run worker` or another replica fetches the job at once instead of at its next poll.
 */
export const JOBS_CHANNEL = 'wayfinder_jobs';

/** Calls `onQueue` with each queue announced on JOBS_CHANNEL; meanwhile, and while reconnecting, workers still poll. */
export function listenForJobs(pool: pg.Pool, onQueue: (queue: string) => void): Listener {
  return listenOn(pool, JOBS_CHANNEL, { onNotify: (queue) => queue && onQueue(queue) });
}

/** True when this process has a started queue. */
export function queueStarted(): boolean {
  return store[KEY] !== undefined;
}
