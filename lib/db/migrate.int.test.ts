import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, MigrationError, pendingMigrations, readMigrations } from '@/lib/db/migrate';
import { createTestDb, openPostgresPool, usingPostgres, type TestDb } from '@/testing/test-db';

// The runner applies prisma/migrations at every start-up: it must apply each migration exactly
// once, refuse to run over an edited history, and leave no half-applied migration behind.

const open: TestDb[] = [];
const tmpDirs: string[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
  for (const d of tmpDirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function freshDb(): Promise<TestDb> {
  const db = await createTestDb({ migrate: false });
  open.push(db);
  return db;
}

/** A migrations folder holding the given migrations (name → SQL). */
function migrationsDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-migrations-'));
  tmpDirs.push(dir);
  for (const [name, sql] of Object.entries(files)) {
    fs.mkdirSync(path.join(dir, name));
    fs.writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function tableExists(db: TestDb, table: string): Promise<boolean> {
  const { rows } = await db.driver.query(`SELECT 1 FROM information_schema.tables WHERE table_schema = 'public' AND table_name = $1`, [
    table,
  ]);
  return rows.length === 1;
}

async function recorded(db: TestDb): Promise<string[]> {
  const { rows } = await db.driver.query<{ migration_name: string }>(
    `SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`,
  );
  return rows.map((r) => r.migration_name);
}

describe('migrate()', () => {
  it('applies every migration of prisma/migrations once, then none on the next start', async () => {
    const db = await freshDb();
    const all = readMigrations().map((m) => m.name);
    expect(all.length).toBeGreaterThan(0);
    expect(await pendingMigrations(db.driver).catch(() => 'no table yet')).toBe('no table yet');
    await db.driver.query(
      `CREATE TABLE "_prisma_migrations" ("migration_name" text, "finished_at" timestamptz, "rolled_back_at" timestamptz)`,
    );
    expect(await pendingMigrations(db.driver)).toEqual(all);
    await db.driver.query(`DROP TABLE "_prisma_migrations"`);

    expect(await migrate(db.driver)).toEqual(all);
    expect(await recorded(db)).toEqual(all);
    expect(await pendingMigrations(db.driver)).toEqual([]);
    expect(await tableExists(db, 'Entity')).toBe(true);

    expect(await migrate(db.driver)).toEqual([]);
    expect(await recorded(db)).toEqual(all);
  });

  it('applies only the migrations added since the last start, in name order', async () => {
    const db = await freshDb();
    const first = { '20260101000000_a': 'CREATE TABLE "A" (id int PRIMARY KEY);' };
    expect(await migrate(db.driver, readMigrations(migrationsDir(first)))).toEqual(['20260101000000_a']);

    const more = { ...first, '20260103000000_c': 'CREATE TABLE "C" (id int);', '20260102000000_b': 'CREATE TABLE "B" (id int);' };
    expect(await migrate(db.driver, readMigrations(migrationsDir(more)))).toEqual(['20260102000000_b', '20260103000000_c']);
    expect(await recorded(db)).toEqual(['20260101000000_a', '20260102000000_b', '20260103000000_c']);
  });

  it('refuses to start when an applied migration was edited, naming it', async () => {
    const db = await freshDb();
    await migrate(db.driver, readMigrations(migrationsDir({ '20260101000000_init': 'CREATE TABLE "A" (id int);' })));

    const edited = readMigrations(
      migrationsDir({
        '20260101000000_init': 'CREATE TABLE "A" (id int, name text);',
        '20260102000000_next': 'CREATE TABLE "B" (id int);',
      }),
    );
    const run = migrate(db.driver, edited);
    await expect(run).rejects.toThrow(MigrationError);
    await expect(migrate(db.driver, edited)).rejects.toThrow(/Migration 20260101000000_init was changed after it was applied/);
    // Nothing after the edited migration ran.
    expect(await tableExists(db, 'B')).toBe(false);
    expect(await recorded(db)).toEqual(['20260101000000_init']);
  });

  it('rolls a failing migration back completely and does not record it', async () => {
    const db = await freshDb();
    const dir = migrationsDir({
      '20260101000000_ok': 'CREATE TABLE "Good" (id int);',
      '20260102000000_broken': 'CREATE TABLE "Half" (id int);\nINSERT INTO "Half" VALUES (1);\nSELECT * FROM "does_not_exist";',
    });
    await expect(migrate(db.driver, readMigrations(dir))).rejects.toThrow(
      /Migration 20260102000000_broken failed and was rolled back: .*does_not_exist/,
    );
    expect(await tableExists(db, 'Good')).toBe(true);
    expect(await tableExists(db, 'Half')).toBe(false);
    expect(await recorded(db)).toEqual(['20260101000000_ok']);

    // Once fixed, the next start applies it.
    fs.writeFileSync(path.join(dir, '20260102000000_broken', 'migration.sql'), 'CREATE TABLE "Half" (id int);');
    expect(await migrate(db.driver, readMigrations(dir))).toEqual(['20260102000000_broken']);
    expect(await tableExists(db, 'Half')).toBe(true);
  });

  // Several app instances starting together against one PostgreSQL: the advisory lock makes one
  // apply the migrations and the others find nothing to do. (PGlite has a single connection per
  // folder, so there is no concurrent start-up to test there.) Registered only on PostgreSQL
  // so that the PGlite run reports no skipped test.
  if (usingPostgres()) {
    it('lets concurrent start-ups on one PostgreSQL database apply each migration once', async () => {
      const db = await freshDb();
      const instances = Array.from({ length: 4 }, () => openPostgresPool(db.url!));
      try {
        // A slow migration widens the window in which an unlocked runner would apply it twice.
        const dir = migrationsDir({
          '20260101000000_slow': 'SELECT pg_sleep(0.5); CREATE TABLE "Once" (id int);',
          '20260102000000_more': 'CREATE TABLE "Twice" (id int);',
        });
        const results = await Promise.all(instances.map((d) => migrate(d, readMigrations(dir))));
        expect(results.flat().sort()).toEqual(['20260101000000_slow', '20260102000000_more']);
        expect(results.filter((r) => r.length > 0)).toHaveLength(1);
        expect(await recorded(db)).toEqual(['20260101000000_slow', '20260102000000_more']);
      } finally {
        await Promise.all(instances.map((d) => d.close()));
      }
    });
  }
});
