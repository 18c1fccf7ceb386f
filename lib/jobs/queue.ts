import 'server-only';
import PgBoss from 'pg-boss';
import { getDb } from '@/lib/db/client';
import type { Driver } from '@/lib/db/driver';
import { getLogger } from '@/lib/observability/logger';

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

/** True when this process has a started queue. */
export function queueStarted(): boolean {
  return store[KEY] !== undefined;
}
