import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './driver';
import { migrate, readMigrations } from './migrate';
import { ensureMigratedPgliteTemplate } from './pglite-migrated-template';
import { createPgliteFolder, ensurePgliteTemplate, migratedTemplatePath } from './pglite-template';

// New PGlite data folders are copies of one pristine folder per PGlite version; these run the real
// initdb (a child process, ~5 s) into throwaway folders.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-pglite-template-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

async function holds(dir: string): Promise<number> {
  const db = await PGlite.create(dir);
  try {
    await db.exec('CREATE TABLE t (n int); INSERT INTO t VALUES (1), (2);');
    return (await db.query<{ n: number }>('SELECT sum(n)::int AS n FROM t')).rows[0].n;
  } finally {
    await db.close();
  }
}

// One cache for the whole file: initdb runs once (the tests run in order).
const cache = path.join(root, 'cache');

describe('createPgliteFolder', () => {
  it('makes the pristine folder once, then copies it: each copy is a database of its own', async () => {
    const first = path.join(root, 'first');
    expect(createPgliteFolder(first, cache)).toBe('copied');
    const template = ensurePgliteTemplate(cache);
    const made = fs.statSync(path.join(template, 'PG_VERSION')).mtimeMs;
    expect(fs.readdirSync(cache).filter((f) => f.includes('.tmp-'))).toEqual([]);

    // The folder may already hold the lock file (lib/db/folder-lock.ts): it is kept.
    const second = path.join(root, 'second');
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(second, 'wayfinder.lock'), 'held');
    expect(createPgliteFolder(second, cache)).toBe('copied');
    expect(fs.readFileSync(path.join(second, 'wayfinder.lock'), 'utf8')).toBe('held');
    expect(fs.statSync(path.join(template, 'PG_VERSION')).mtimeMs).toBe(made);

    expect(await holds(first)).toBe(3);
    expect(await holds(second)).toBe(3);
    // What one copy wrote is not in the template nor in the other copy.
    const third = path.join(root, 'third');
    createPgliteFolder(third, cache);
    expect(await holds(third)).toBe(3);
  }, 60_000);

  it('copies again over a copy cut short (no PG_VERSION yet)', async () => {
    const dir = path.join(root, 'cut-short');
    const template = ensurePgliteTemplate(cache);
    fs.cpSync(path.join(template, 'base'), path.join(dir, 'base'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'global-garbage'), 'x');
    expect(createPgliteFolder(dir, cache)).toBe('copied');
    expect(await holds(dir)).toBe(3);
  }, 60_000);

  it('runs initdb in the folder itself when no template can be kept (an unwritable cache)', async () => {
    const blocked = path.join(root, 'not-a-folder');
    fs.writeFileSync(blocked, 'a file where the cache folder would go');
    const dir = path.join(root, 'fallback');
    expect(createPgliteFolder(dir, blocked)).toBe('initdb');
    expect(await holds(dir)).toBe(3);
  }, 60_000);
});

describe('ensureMigratedPgliteTemplate', () => {
  it('keeps a migrated copy per set of migrations: new folders copy the one for the migrations on disk', async () => {
    const migrations = readMigrations();
    // A template made for other migrations (an older checkout: only the first) is not used.
    const stale = await ensureMigratedPgliteTemplate(cache, migrations.slice(0, 1));
    expect(stale).not.toBe(migratedTemplatePath(cache));
    expect(createPgliteFolder(path.join(root, 'before'), cache)).toBe('copied');

    const current = await ensureMigratedPgliteTemplate(cache);
    expect(current).toBe(migratedTemplatePath(cache, migrations));
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.readdirSync(cache).filter((f) => f.includes('.tmp-') || f.endsWith('.lock'))).toEqual([]);

    const dir = path.join(root, 'migrated');
    expect(createPgliteFolder(dir, cache)).toBe('migrated');
    const driver = await openPglite(dir);
    try {
      expect(await migrate(driver, migrations)).toEqual([]);
      await driver.query(
        `INSERT INTO "Location" ("id", "type", "target", "origin", "updatedAt") VALUES (gen_random_uuid(), 'url', 'x', 'api', now())`,
      );
      expect((await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM "Location"')).rows[0].n).toBe(1);
    } finally {
      await driver.close();
    }
    // What the copy wrote is not in the template.
    const again = path.join(root, 'migrated-again');
    createPgliteFolder(again, cache);
    const other = await openPglite(again);
    try {
      expect((await other.query<{ n: number }>('SELECT count(*)::int AS n FROM "Location"')).rows[0].n).toBe(0);
    } finally {
      await other.close();
    }
  }, 90_000);
});
