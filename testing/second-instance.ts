import type PgBoss from 'pg-boss';
import type { Db } from '@/lib/db/client';
import { getQueue } from '@/lib/jobs/queue';
import { openPostgresPool, type TestDb } from './test-db';

/**
 * A second pg-boss instance built by lib/jobs/queue.ts on its own connection pool, as another app
 * process would: the process-wide database and queue are swapped for the call, then restored.
 */
export async function openSecondInstance(db: TestDb): Promise<{ boss: PgBoss; stop(): Promise<void> }> {
  const DB = Symbol.for('wayfinder.db');
  const QUEUE = Symbol.for('wayfinder.queue');
  const g = globalThis as unknown as Record<symbol, Promise<unknown> | undefined>;
  const saved = { db: g[DB], queue: g[QUEUE] };
  const driver = openPostgresPool(db.url!);
  try {
    g[DB] = Promise.resolve({ driver, prisma: db.prisma } satisfies Db);
    delete g[QUEUE];
    const boss = await getQueue();
    return {
      boss,
      stop: async () => {
        await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
        await driver.close();
      },
    };
  } finally {
    g[DB] = saved.db;
    g[QUEUE] = saved.queue;
  }
}
