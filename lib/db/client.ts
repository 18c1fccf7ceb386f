import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/generated/prisma/client';
import { dataDir, getEnv } from '@/lib/env';
import { openPglite, openPostgres, type Driver } from './driver';

export type Db = { driver: Driver; prisma: PrismaClient };

// One database per process, shared through globalThis: Next bundles instrumentation, route handlers
// and pages separately, and a second PGlite instance on the same folder would corrupt it.
const KEY = Symbol.for('wayfinder.db');
const store = globalThis as unknown as { [KEY]?: Promise<Db> };

export function getDb(): Promise<Db> {
  store[KEY] ??= openDb().catch((err) => {
    delete store[KEY];
    throw err;
  });
  return store[KEY];
}

async function openDb(): Promise<Db> {
  const env = getEnv();
  const driver = env.DATABASE_URL ? openPostgres(env) : await openPglite(dataDir(env));
  const adapter =
    driver.kind === 'pglite' ? new (await import('pglite-prisma-adapter')).PrismaPGlite(driver.pglite) : new PrismaPg(driver.pool);
  return { driver, prisma: new PrismaClient({ adapter }) };
}

/** Shorthand for the Prisma client. */
export async function getPrisma(): Promise<PrismaClient> {
  return (await getDb()).prisma;
}

export async function closeDb(): Promise<void> {
  const pending = store[KEY];
  if (!pending) return;
  delete store[KEY];
  const db = await pending;
  await db.prisma.$disconnect();
  await db.driver.close();
}
