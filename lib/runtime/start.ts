import 'server-only';
import { getConfig, type LoadedConfig } from '@/lib/config/load-config';
import { getDb } from '@/lib/db/client';
import { migrate } from '@/lib/db/migrate';
import { queueDepths, startWorkers } from '@/lib/jobs/define-job';
import { getQueue } from '@/lib/jobs/queue';
import { ALL_JOBS, CATALOG_JOBS, onQueueStarted, OTHER_JOBS, startCatalog } from './jobs';
import { getEnv, type Env } from '@/lib/env';
import { getLogger, redactText } from '@/lib/observability/logger';
import { registerGauge } from '@/lib/observability/metrics';
import { prepareTaskSandbox } from '@/lib/scaffolder';
import { markDatabaseReady } from './database-ready';

const KEY = Symbol.for('wayfinder.started');
/** `serving`: what requests need is up (the app serves from then on); `done`: start-up is complete. */
type Started = { serving: Promise<void>; done: Promise<void> };
const store = globalThis as unknown as { [KEY]?: Started };

/**
 * Brings a process up: validates configuration, opens the database, applies migrations, starts the
 * job queue and (unless WAYFINDER_WORKERS=false) its workers. Idempotent per process.
 * `spareSandbox`: build the first template run's expression sandbox now (`npm run worker`). The app
 * process does not: it costs 16 MB and 50–200 ms of CPU while the catalog loads, and only the first
 * run after a start waits for it (every run leaves a spare for the next).
 */
export function startWayfinder(options: { workers?: boolean; spareSandbox?: boolean } = {}): Promise<void> {
  return started(options).done;
}

function started(options: { workers?: boolean; spareSandbox?: boolean } = {}): Started {
  if (!store[KEY]) {
    const workers = options.workers ?? getEnv().WAYFINDER_WORKERS;
    const serving = startServing(workers);
    store[KEY] = { serving, done: serving.then(() => startOtherJobs(workers, options.spareSandbox ?? false)) };
  }
  return store[KEY];
}

async function startServing(workers: boolean): Promise<void> {
  const log = getLogger();
  const config = getConfig();
  checkAuthConfig(config, getEnv());
  const db = await getDb();
  const applied = await migrate(db.driver);
  // Fresh planner statistics: PGlite never gathers them by itself, and stale ones make catalog
  // queries pick plans that are orders of magnitude slower.
  await db.driver.query('ANALYZE');
  markDatabaseReady();
  log.info({ database: db.driver.describe, applied, config: config.file ?? '(defaults)' }, 'database ready');
  await getQueue();
  registerGauge('wayfinder_job_queue_depth', 'Jobs waiting in each queue.', 'queue', () => queueDepths(ALL_JOBS));
  registerGauge('wayfinder_db_pool_connections', 'Database pool connections by state.', 'state', () =>
    db.driver.kind === 'postgres'
      ? { total: db.driver.pool.totalCount, idle: db.driver.pool.idleCount, waiting: db.driver.pool.waitingCount }
      : { total: 1, idle: 1, waiting: 0 },
  );
  // On a fresh database every queue is a table to create (about 50 ms each): the catalog's queues
  // come first and its first pass is queued before the others, so it need not wait. The configured
  // locations are recorded by then, so pages count the catalog's loading from their first answer.
  if (workers) await startWorkers(CATALOG_JOBS);
  await startCatalog();
}

/**
 * The other domains' workers and first passes. Requests do not wait for them: a job queued meanwhile
 * creates its queue (enqueue) and runs once its workers start, moments later. They used to hold
 * every page ~1–2 s longer on a first start, competing with the catalog's first pass for the thread.
 */
async function startOtherJobs(workers: boolean, spareSandbox: boolean): Promise<void> {
  if (workers) {
    await startWorkers(OTHER_JOBS);
    if (spareSandbox) prepareTaskSandbox();
  }
  await onQueueStarted();
  getLogger().info({ workers }, 'job queue started');
}

/**
 * Sign-in settings that are valid YAML but unsafe or unusable: local sign-in (anyone picks any
 * user, no password) under NODE_ENV=production unless forced, GitHub sign-in without NEXTAUTH_URL.
 */
export function checkAuthConfig(config: Pick<LoadedConfig, 'auth' | 'file'>, env: Pick<Env, 'NODE_ENV' | 'NEXTAUTH_URL'>): void {
  const file = config.file ?? 'wayfinder.config.yaml';
  if (config.auth.local.enabled && env.NODE_ENV === 'production') {
    if (!config.auth.local.allowInProduction) {
      throw new Error(
        `${file}: auth.local.enabled is true and NODE_ENV is production. Local sign-in lets anyone sign in as any catalog user without a password. ` +
          'Turn it off (auth.local.enabled: false) and configure auth.github, or, for a demo only, force it with auth.local.allowInProduction: true.',
      );
    }
    getLogger().warn(
      { config: file },
      config.auth.local.fromAnyAddress
        ? 'auth.local.allowInProduction and fromAnyAddress are true: local sign-in (no password) is FORCED ON in production for anyone who can reach the portal; real deployments must turn it off'
        : 'auth.local.allowInProduction is true: local sign-in (no password) is FORCED ON in production, from this machine only (auth.local.fromAnyAddress); real deployments must turn it off',
    );
  }
  if (config.auth.github && !env.NEXTAUTH_URL) {
    throw new Error(
      `${file}: auth.github is set but NEXTAUTH_URL is not: set it to the portal's public URL (e.g. https://portal.example.com); GitHub redirects back to it after sign-in.`,
    );
  }
  if (!config.auth.github && !config.auth.local.enabled) {
    getLogger().warn(
      { config: file },
      'no sign-in method is configured (auth.github or auth.local): only API tokens from auth.serviceTokens can use the portal',
    );
  }
}

/**
 * Start-up for a server process (Next's instrumentation): resolves once requests can be served, while
 * the other domains' workers start behind. A configuration or migration error, at any point, stops
 * the process with a message that says what to fix, rather than serving a half-working portal.
 */
export async function bootOrExit(): Promise<void> {
  const { serving, done } = started();
  const exit = (err: unknown): never => {
    getLogger().fatal({ err }, 'Wayfinder could not start');
    console.error(`\nWayfinder could not start: ${redactText(String((err as Error).message))}\n`);
    process.exit(1);
  };
  done.catch(exit);
  await serving.catch(exit);
}
