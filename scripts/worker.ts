import { dataDir, getEnv } from '@/lib/env';
import { closeDb } from '@/lib/db/client';
import { stopQueue } from '@/lib/jobs/queue';
import { getLogger } from '@/lib/observability/logger';
import { startWayfinder } from '@/lib/runtime/start';

// `npm run worker`: a process that only runs background jobs, for scale-out on PostgreSQL (app
// instances can then set WAYFINDER_WORKERS=false). PGlite allows one process per data folder, so
// on the embedded database the workers run inside the app instead.
const log = getLogger();
if (!getEnv().DATABASE_URL) {
  // It never opens the folder: one process per embedded database (lib/db/folder-lock.ts).
  console.error(
    `npm run worker needs DATABASE_URL (PostgreSQL): the embedded database (${dataDir()}) runs its workers inside the app, and only one process may open it.`,
  );
  process.exit(2);
}

await startWayfinder({ workers: true, spareSandbox: true });
log.info('worker started');

const shutdown = async (signal: string) => {
  log.info({ signal }, 'worker stopping');
  await stopQueue();
  await closeDb();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
