import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { PoolClient } from 'pg';
import type { Driver } from './driver';

// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, each in a transaction,
// recorded in Prisma Migrate's own `_prisma_migrations` table (same columns, sha256 checksum), so
// `prisma migrate status` would agree with us on a machine that has the engine.

export const MIGRATIONS_DIR = path.join(process.cwd(), 'prisma', 'migrations');
// Arbitrary constant shared by every Wayfinder instance: serialises concurrent start-ups.
const ADVISORY_LOCK_KEY = 7_112_026_001;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export type MigrationFile = { name: string; sql: string; checksum: string };

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** The migrations on disk by name, oldest first, without reading them. */
function migrationNames(dir = MIGRATIONS_DIR): string[] {
  return fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(/*turbopackIgnore: true*/ path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort();
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return migrationNames(dir).map((name) => {
    const sql = fs.readFileSync(/*turbopackIgnore: true*/ path.join(dir, name, 'migration.sql'), 'utf8');
    return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

type Tx = { query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }> };

/** Applies pending migrations; returns the names applied. Refuses to run if an applied one changed. */
export async function migrate(driver: Driver, migrations = readMigrations()): Promise<string[]> {
  if (driver.kind === 'pglite') {
    // One process owns a PGlite folder (one connection), so no lock is needed.
    await driver.exec(CREATE_TABLE);
    return applyPending(driver as unknown as Tx, driver.exec, migrations);
  }
  const client: PoolClient = await driver.pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
    await client.query(CREATE_TABLE);
    return await applyPending(client as unknown as Tx, (sql) => client.query(sql).then(() => undefined), migrations);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
}

async function applyPending(tx: Tx, exec: (sql: string) => Promise<void>, migrations: MigrationFile[]): Promise<string[]> {
  const { rows } = await tx.query(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
  const applied = new Map(rows.map((r) => [String(r.migration_name), r]));
  for (const m of migrations) {
    const row = applied.get(m.name);
    if (!row) continue;
    if (row.checksum !== m.checksum) {
      throw new MigrationError(
        `Migration ${m.name} was changed after it was applied (checksum ${String(row.checksum).slice(0, 12)}… in the ` +
          `database, ${m.checksum.slice(0, 12)}… on disk). Restore prisma/migrations/${m.name}/migration.sql ` +
          `and put the change in a new migration.`,
      );
    }
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${m.name} started but never finished; inspect the database, then fix or delete its _prisma_migrations row.`,
      );
    }
  }
  const done: string[] = [];
  for (const m of migrations.filter((x) => !applied.has(x.name))) {
    await tx.query('BEGIN');
    try {
      await exec(m.sql);
      await tx.query(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)`,
        [randomUUID(), m.checksum, m.name],
      );
      await tx.query('COMMIT');
    } catch (err) {
      await tx.query('ROLLBACK');
      throw new MigrationError(`Migration ${m.name} failed and was rolled back: ${(err as Error).message}`);
    }
    done.push(m.name);
  }
  return done;
}

/**
 * Names of migrations on disk that the database has not applied (empty when up to date). By name
 * only: /api/health asks on every call, and reading and hashing every migration is not needed for it.
 */
export async function pendingMigrations(driver: Driver, names = migrationNames()): Promise<string[]> {
  const { rows } = await driver.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
  );
  const applied = new Set(rows.map((r) => r.migration_name));
  return names.filter((name) => !applied.has(name));
}
