import fs from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Env } from '@/lib/env';
import { lockDataFolder } from './folder-lock';
import { createPgliteFolder } from './pglite-template';
import { getLogger } from '@/lib/observability/logger';

/**
 * The raw database driver under Prisma: PGlite in-process (the zero-set-up default) or a pg Pool.
 * The migration runner and the job queue speak to it directly; everything else goes through Prisma.
 */
type Common = {
  query: QueryFn;
  exec: ExecFn;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction: TransactionFn;
  close(): Promise<void>;
  describe: string;
};
export type Driver =
  | ({ kind: 'pglite'; pglite: PGlite } & Common)
  | ({
      kind: 'postgres';
      pool: pg.Pool;
      /** Runs `fn` when the driver closes, before the pool ends (which waits for every connection held). */
      beforeClose(fn: () => Promise<void>): void;
    } & Common);

/**
 * `name` (PostgreSQL only) makes the statement a prepared one: each connection parses and plans it
 * once, instead of on every call. Only for a text that never changes under that name and whose
 * best plan does not depend on the parameters' values (a lookup by key): after five executions
 * PostgreSQL may keep one plan for every value.
 */
export type QueryFn = <R = Record<string, unknown>>(sql: string, params?: unknown[], name?: string) => Promise<{ rows: R[] }>;
type ExecFn = (script: string) => Promise<void>;
/**
 * Runs `fn` in one transaction on one connection. For bulk statements with large parameters
 * (ingestion): Prisma's raw queries would keep each distinct SQL text and parameter list in its
 * query-plan cache (1,000 entries), megabytes per ingestion batch.
 */
type TransactionFn = <T>(fn: (query: QueryFn) => Promise<T>) => Promise<T>;

const PGLITE_SHARED_BUFFERS = '32MB';

/** The driver over an open PGlite (a data folder, or memory in tests). */
export function pgliteDriver(pglite: PGlite, describe: string, close: () => Promise<void> = () => pglite.close()): Driver {
  return {
    kind: 'pglite',
    pglite,
    describe,
    query: async (sql, params) => ({ rows: (await pglite.query(sql, params)).rows as never[] }),
    exec: async (script) => {
      await pglite.exec(script);
    },
    // PGlite is one connection: other queries wait until the transaction ends, so `fn` must use
    // only the query it is given.
    transaction: (fn) => pglite.transaction((tx) => fn(async (sql, params) => ({ rows: (await tx.query(sql, params)).rows as never[] }))),
    close,
  };
}

/** Opens the embedded database in `dir`, locked for this process (lib/db/folder-lock.ts). */
export async function openPglite(dir: string): Promise<Driver> {
  // PGlite does not create parent folders, and one data folder may only be opened by one process.
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const unlock = lockDataFolder(dir);
  let pglite: PGlite;
  try {
    if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) createPgliteFolder(dir);
    // Loaded here, not at the top: a server on PostgreSQL never needs PGlite (~55 ms of start-up).
    const [{ PGlite }, { pg_trgm }] = await Promise.all([import('@electric-sql/pglite'), import('@electric-sql/pglite/contrib/pg_trgm')]);
    // PGlite's WebAssembly memory only grows: PostgreSQL's default 128 MB of shared buffers would be
    // resident from the start, on top of what the data folder's files already use in the OS cache.
    pglite = await PGlite.create(dir, {
      extensions: { pg_trgm },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
  } catch (err) {
    unlock();
    throw err;
  }
  return pgliteDriver(pglite, `embedded PGlite at ${dir}`, async () => {
    try {
      await pglite.close();
    } finally {
      unlock();
    }
  });
}

export function openPostgres(env: Env): Driver {
  const pool = new pg.Pool({
    connectionString: env.DATABASE_URL,
    max: env.DATABASE_POOL_MAX,
    connectionTimeoutMillis: env.DATABASE_POOL_CONNECTION_TIMEOUT_MS,
    idleTimeoutMillis: env.DATABASE_POOL_IDLE_TIMEOUT_MS,
    statement_timeout: env.DATABASE_STATEMENT_TIMEOUT_MS,
    application_name: 'wayfinder',
  });
  // An idle client's connection can drop (server restart, failover); without a listener the
  // 'error' event would crash the process. The pool replaces the client on next use.
  pool.on('error', (err) => getLogger().warn({ err }, 'database pool: idle connection lost'));
  const url = new URL(env.DATABASE_URL!);
  const closing = new Set<() => Promise<void>>();
  return {
    kind: 'postgres',
    pool,
    beforeClose: (fn) => void closing.add(fn),
    describe: `PostgreSQL at ${url.hostname}:${url.port || 5432}${url.pathname}`,
    query: async (sql, params, name) => ({ rows: (await pool.query({ text: sql, values: params, name })).rows }),
    // A parameterless query goes through the simple protocol, which runs a multi-statement script.
    exec: async (script) => {
      await pool.query(script);
    },
    transaction: async (fn) => {
      const client = await pool.connect();
      // A failed ROLLBACK means a broken connection: released with the error, the pool drops it.
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(async (sql, params, name) => ({ rows: (await client.query({ text: sql, values: params, name })).rows }));
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch((rollbackErr: Error) => {
          broken = rollbackErr;
        });
        throw err;
      } finally {
        client.release(broken);
      }
    },
    close: async () => {
      for (const fn of closing) await fn();
      await pool.end();
    },
  };
}
