import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll } from 'vitest';
import { PrismaClient } from '@/generated/prisma/client';
import type { Db } from '@/lib/db/client';
import { openPglite, openPostgres, pgliteDriver, type Driver } from '@/lib/db/driver';
import { migrate } from '@/lib/db/migrate';
import { copyPgliteFolder, ensurePgliteTemplate, pgliteVersion, TEMPLATE_CACHE } from '@/lib/db/pglite-template';
import { getEnv } from '@/lib/env';

// Throwaway databases for integration tests: embedded PGlite by default, a fresh database on the
// PostgreSQL server of DATABASE_URL when it is set (scripts/test.sh runs the integration suite
// both ways), so every query is tested on both engines with the real migrations.

export type TestDb = Db & {
  /** "pglite" or "postgres": what this run tests against. */
  kind: Driver['kind'];
  /** PostgreSQL only: the connection string of this test's own database. */
  url?: string;
  /** PGlite with `storage: 'folder'` only: the data folder. */
  dir?: string;
  /**
   * Closes the connections and opens the same database again, as a process restart would
   * (replaces `driver` and `prisma` in place). Not available for in-memory PGlite.
   */
  restart(): Promise<void>;
  /** Closes connections and deletes the database (PostgreSQL) or its folder (PGlite). */
  close(): Promise<void>;
};

export type TestDbOptions = {
  /** Apply prisma/migrations (default true). */
  migrate?: boolean;
  /** PGlite only: 'memory' (default, fastest) or 'folder' (a temp folder, needed for restart()). */
  storage?: 'memory' | 'folder';
};

/** True when this run targets PostgreSQL (DATABASE_URL set), false on embedded PGlite. */
export function usingPostgres(): boolean {
  return Boolean(getEnv().DATABASE_URL);
}

function prismaFor(driver: Driver): PrismaClient {
  const adapter = driver.kind === 'pglite' ? new PrismaPGlite(driver.pglite) : new PrismaPg(driver.pool);
  return new PrismaClient({ adapter });
}

/**
 * A pristine in-memory database, loaded from a dump of one (PGlite's own clone): ~1 s against ~3.5 s
 * for initdb, once per test file. The dump is made once per PGlite version and kept beside the
 * data-folder template (lib/db/pglite-template.ts); the migrations still run on every database.
 */
async function openMemoryPglite(): Promise<Driver> {
  const version = pgliteVersion();
  const dump = version && path.join(TEMPLATE_CACHE, `pglite-${version}-memory.tar`);
  if (dump && !fs.existsSync(dump)) {
    const pristine = await PGlite.create('memory://');
    const tar = Buffer.from(await (await pristine.dumpDataDir('none')).arrayBuffer());
    await pristine.close();
    fs.mkdirSync(TEMPLATE_CACHE, { recursive: true });
    const partial = `${dump}.${process.pid}`;
    fs.writeFileSync(partial, tar);
    fs.renameSync(partial, dump);
  }
  const loadDataDir = dump ? new Blob([fs.readFileSync(dump)]) : undefined;
  return pgliteDriver(await PGlite.create('memory://', { extensions: { pg_trgm }, loadDataDir }), 'in-memory PGlite');
}

/** Opens a second connection pool on a PostgreSQL test database (e.g. a second app instance). */
export function openPostgresPool(url: string): Driver {
  return openPostgres({ ...getEnv(), DATABASE_URL: url, DATABASE_POOL_MAX: 5 });
}

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: getEnv().DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated (unless `migrate: false`) database of its own. Call close() when done. */
export async function createTestDb(options: TestDbOptions = {}): Promise<TestDb> {
  const env = getEnv();
  let open: () => Promise<Driver>;
  let drop: () => Promise<void>;
  let url: string | undefined;
  let dir: string | undefined;

  if (env.DATABASE_URL) {
    const name = `wayfinder_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await withAdmin((c) => c.query(`CREATE DATABASE "${name}"`));
    const u = new URL(env.DATABASE_URL);
    u.pathname = `/${name}`;
    url = u.toString();
    const dbUrl = url;
    open = async () => openPostgresPool(dbUrl);
    drop = () => withAdmin((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  } else if (options.storage === 'folder') {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-test-'));
    const folder = path.join(root, 'pgdata');
    dir = folder;
    // A new folder is a copy of the migrated template when the build made one: not for `migrate: false`.
    open = async () => {
      if (options.migrate === false && !fs.existsSync(path.join(folder, 'PG_VERSION'))) copyPgliteFolder(ensurePgliteTemplate(), folder);
      return openPglite(folder);
    };
    drop = async () => fs.rmSync(root, { recursive: true, force: true });
  } else {
    open = openMemoryPglite;
    drop = async () => undefined;
  }

  const driver = await open();
  if (options.migrate !== false) {
    try {
      await migrate(driver);
    } catch (err) {
      await driver.close();
      await drop();
      throw err;
    }
  }

  const db: TestDb = {
    kind: driver.kind,
    driver,
    prisma: prismaFor(driver),
    url,
    dir,
    async restart() {
      if (!url && !dir) throw new Error('restart() needs a database that outlives its connection: use { storage: "folder" }');
      await db.prisma.$disconnect();
      await db.driver.close();
      db.driver = await open();
      db.prisma = prismaFor(db.driver);
      if (globalDbIs(db)) setGlobalDb(db);
    },
    async close() {
      if (globalDbIs(db)) clearGlobalDb();
      await db.prisma.$disconnect().catch(() => undefined);
      await db.driver.close().catch(() => undefined);
      await drop();
    },
  };
  return db;
}

// lib/db/client.ts keeps the process-wide database at this key; pointing it at a test database
// makes every getDb()/getPrisma() caller (queries, actions, the job queue) use it.
const DB_KEY = Symbol.for('wayfinder.db');
const store = globalThis as unknown as { [DB_KEY]?: Promise<Db>; wayfinderTestDb?: TestDb };

function globalDbIs(db: TestDb): boolean {
  return store.wayfinderTestDb === db;
}

/** Makes getDb()/getPrisma() return this test database. */
export function setGlobalDb(db: TestDb): void {
  store.wayfinderTestDb = db;
  // A live object, so restart() swapping driver/prisma is seen by later getDb() callers.
  store[DB_KEY] = Promise.resolve({
    get driver() {
      return db.driver;
    },
    get prisma() {
      return db.prisma;
    },
  });
}

/** Forgets the test database; the next getDb() would open the configured one. */
export function clearGlobalDb(): void {
  delete store[DB_KEY];
  delete store.wayfinderTestDb;
}

/**
 * Vitest: a fresh test database for this file, installed as the process-wide getDb() database.
 * Returns a handle whose `db` is set once beforeAll ran.
 */
export function useTestDb(options: TestDbOptions = {}): { readonly db: TestDb } {
  let current: TestDb | undefined;
  beforeAll(async () => {
    current = await createTestDb(options);
    setGlobalDb(current);
  });
  afterAll(async () => {
    await current?.close();
    current = undefined;
  });
  return {
    get db() {
      if (!current) throw new Error('useTestDb(): the database exists only inside tests (after beforeAll)');
      return current;
    },
  };
}
