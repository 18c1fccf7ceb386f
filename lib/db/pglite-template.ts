import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { getLogger } from '@/lib/observability/logger';
import { readMigrations, type MigrationFile } from './migrate';

// A new PGlite data folder starts as a copy of a pristine one. What PGlite's initdb writes is the
// same for every folder of one PGlite version, and running it costs ~5.5 s of CPU and ~900 MB (in
// a child process, see initdbPgliteFolder); copying its result takes 0.2–0.3 s. The pristine folder
// is kept per PGlite version in node_modules/.cache/wayfinder (reinstalling the dependencies drops
// it), made by `npm run build` or else by the first folder created after an install. `npm run build`
// also keeps a migrated one (lib/db/pglite-migrated-template.ts): a pristine folder with the
// migrations on disk applied, which a new folder is copied from when it matches them (no ~0.85 s of migrations).

/** Where pristine folders are kept (the functions below take another folder in tests). */
export const TEMPLATE_CACHE = path.join(process.cwd(), 'node_modules', '.cache', 'wayfinder');

/** The installed PGlite's version (its package.json is not in the package's exports), null if unknown. */
export function pgliteVersion(): string | null {
  try {
    const file = path.join(process.cwd(), 'node_modules', '@electric-sql', 'pglite', 'package.json');
    const version: unknown = JSON.parse(fs.readFileSync(file, 'utf8')).version;
    return typeof version === 'string' && /^[\w.+-]+$/.test(version) ? version : null;
  } catch {
    return null;
  }
}

/** Runs PGlite's initdb on `dir` in a child process (its ~900 MB would stay with this process). */
export function initdbPgliteFolder(dir: string): void {
  const script = "import { PGlite } from '@electric-sql/pglite'; const db = await PGlite.create(process.argv[1]); await db.close();";
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, dir], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0)
    throw new Error(`could not create the embedded database in ${dir} (exit ${r.status ?? r.signal}); check that the folder is writable`);
}

/**
 * The pristine folder for the installed PGlite, made now if missing (in a folder of its own, then
 * renamed into place: a process that finds it finds it whole, and two processes making it at
 * once both succeed). Throws when it cannot be made (no version, an unwritable cache).
 */
export function ensurePgliteTemplate(cache: string = TEMPLATE_CACHE): string {
  const version = pgliteVersion();
  if (!version) throw new Error('the installed PGlite version is unknown');
  const template = path.join(cache, `pglite-${version}`);
  if (fs.existsSync(path.join(template, 'PG_VERSION'))) return template;
  fs.mkdirSync(cache, { recursive: true });
  const fresh = fs.mkdtempSync(`${template}.tmp-`);
  try {
    initdbPgliteFolder(fresh);
    fs.renameSync(fresh, template);
  } catch (err) {
    fs.rmSync(fresh, { recursive: true, force: true });
    // Another process renamed its own into place first.
    if (fs.existsSync(path.join(template, 'PG_VERSION'))) return template;
    throw err;
  }
  return template;
}

/**
 * The migrated template's folder for these migrations: `pglite-<version>-<key>`, the key a hash of
 * every migration's name and checksum, so a changed or added migration names another folder. Null
 * when the PGlite version is unknown.
 */
export function migratedTemplatePath(cache: string = TEMPLATE_CACHE, migrations: MigrationFile[] = readMigrations()): string | null {
  const version = pgliteVersion();
  if (!version) return null;
  const hash = createHash('sha256');
  for (const m of migrations) hash.update(`${m.name}\0${m.checksum}\n`);
  return path.join(cache, `pglite-${version}-${hash.digest('hex').slice(0, 16)}`);
}

/** Copies a template folder into `dir`, PG_VERSION last (see createPgliteFolder). */
export function copyPgliteFolder(template: string, dir: string): void {
  const marker = path.join(template, 'PG_VERSION');
  fs.cpSync(template, dir, { recursive: true, filter: (src) => src !== marker });
  fs.copyFileSync(marker, path.join(dir, 'PG_VERSION'));
}

/**
 * Makes `dir` (which may exist and hold other files, such as the folder lock) a new PGlite
 * database: a copy of the migrated template when there is one for the migrations on disk (the
 * migration runner then finds nothing to apply), else of the pristine folder, else initdb itself
 * when there is none to be had. PG_VERSION is copied last: a folder is opened as a database only
 * when it has one, so a copy cut short is made again at the next start rather than opened half-written.
 */
export function createPgliteFolder(dir: string, cache: string = TEMPLATE_CACHE): 'migrated' | 'copied' | 'initdb' {
  const migrated = migratedTemplatePath(cache);
  if (migrated && fs.existsSync(path.join(migrated, 'PG_VERSION'))) {
    copyPgliteFolder(migrated, dir);
    return 'migrated';
  }
  let template: string;
  try {
    template = ensurePgliteTemplate(cache);
  } catch (err) {
    getLogger().warn({ err, cache }, 'no pristine embedded database folder to copy: running initdb for this one');
    initdbPgliteFolder(dir);
    return 'initdb';
  }
  copyPgliteFolder(template, dir);
  return 'copied';
}
