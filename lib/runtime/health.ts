import 'server-only';
import { getCatalogLoading } from '@/lib/catalog/queries/overview';
import { getDb } from '@/lib/db/client';
import { pendingMigrations } from '@/lib/db/migrate';
import { getQueue, queueStarted } from '@/lib/jobs/queue';

export type CheckResult = { ok: boolean; detail: string };
export type Health = {
  ok: boolean;
  checks: { database: CheckResult; migrations: CheckResult; jobQueue: CheckResult; catalog: CheckResult };
};

async function check(fn: () => Promise<string>): Promise<CheckResult> {
  try {
    return { ok: true, detail: await fn() };
  } catch (err) {
    // Driver errors can quote connection strings (a password may hold `@`); keep only the first line, which names the cause.
    return {
      ok: false,
      detail: String((err as Error).message)
        .split('\n')[0]
        .replace(/\/\/\S*@/g, '//[REDACTED]@'),
    };
  }
}

export async function getHealth(): Promise<Health> {
  const database = await check(async () => {
    const { driver } = await getDb();
    await driver.query('SELECT 1');
    return driver.kind;
  });
  const migrations = await check(async () => {
    const pending = await pendingMigrations((await getDb()).driver);
    if (pending.length) throw new Error(`pending: ${pending.join(', ')}`);
    return 'up to date';
  });
  const jobQueue = await check(async () => {
    if (!queueStarted()) throw new Error('not started (see the start-up log)');
    await (await getQueue()).getQueues();
    return 'running';
  });
  // A catalog still filling in (first start) is healthy: the portal serves what is there.
  const catalog = await check(async () => {
    const loading = await getCatalogLoading();
    return loading ? `loading: ${loading.done} of ${loading.total} locations` : 'loaded';
  });
  return { ok: database.ok && migrations.ok && jobQueue.ok, checks: { database, migrations, jobQueue, catalog } };
}
