import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { queueDepths, startWorkers } from '@/lib/jobs/define-job';
import { getQueue } from '@/lib/jobs/queue';
import { ALL_JOBS, onQueueStarted } from '@/lib/jobs/registry';
import { getEnv } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';
import { registerGauge } from '@/lib/observability/metrics';

const KEY = Symbol.for('wayfinder.started');
const store = globalThis as unknown as { [KEY]?: Promise<void> };

/**
 * Brings a process up: validates configuration, opens the database, applies migrations, starts the
 * job queue and (unless WAYFINDER_WORKERS=false) its workers. Idempotent per process.
 */
export function startWayfinder(options: { workers?: boolean } = {}): Promise<void> {
  store[KEY] ??= start(options.workers ?? getEnv().WAYFINDER_WORKERS);
  return store[KEY];
}

async function start(workers: boolean): Promise<void> {
  const log = getLogger();
  const config = getConfig();
  const db = await getDb();
  const applied = await migrate(db.driver);
  log.info({ database: db.driver.describe, applied, config: config.file ?? '(defaults)' }, 'database ready');
  await getQueue();
  registerGauge('wayfinder_job_queue_depth', 'Jobs waiting in each queue.', 'queue', () => queueDepths(ALL_JOBS));
  registerGauge('wayfinder_db_pool_connections', 'Database pool connections by state.', 'state', () =>
    db.driver.kind === 'postgres'
      ? { total: db.driver.pool.totalCount, idle: db.driver.pool.idleCount, waiting: db.driver.pool.waitingCount }
      : { total: 1, idle: 1, waiting: 0 },
  );
  if (workers) await startWorkers(ALL_JOBS);
  await onQueueStarted();
  log.info({ workers }, 'job queue started');
}

/** Start-up for a server process: a configuration or migration error stops it with a message that
 * says what to fix, rather than serving a half-working portal. */
export async function bootOrExit(): Promise<void> {
  try {
    await startWayfinder();
  } catch (err) {
    getLogger().fatal({ err }, 'Wayfinder could not start');
    console.error(`\nWayfinder could not start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}
