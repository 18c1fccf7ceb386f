import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { getLogger } from '@/lib/observability/logger';

// A new PGlite data folder starts as a copy of a pristine one. What PGlite's initdb writes is the
// same for every folder of one PGlite version, and running it costs ~5.5 s of CPU and ~900 MB (in
// a child process, see initdbPgliteFolder); copying its result takes ~0.1 s. The pristine folder
// is kept per PGlite version in node_modules/.cache/wayfinder (reinstalling the dependencies drops
// it), made by `npm run build` or else by the first folder created after an install.

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
 * Makes `dir` (which may exist and hold other files, such as the folder lock) a new, empty PGlite
 * database: a copy of the pristine folder, or initdb itself when there is none to be had.
 * PG_VERSION is copied last: a folder is opened as a database only when it has one, so a copy cut
 * short is made again at the next start rather than opened half-written.
 */
export function createPgliteFolder(dir: string, cache: string = TEMPLATE_CACHE): 'copied' | 'initdb' {
  let template: string;
  try {
    template = ensurePgliteTemplate(cache);
  } catch (err) {
    getLogger().warn({ err, cache }, 'no pristine embedded database folder to copy: running initdb for this one');
    initdbPgliteFolder(dir);
    return 'initdb';
  }
  const marker = path.join(template, 'PG_VERSION');
  fs.cpSync(template, dir, { recursive: true, filter: (src) => src !== marker });
  fs.copyFileSync(marker, path.join(dir, 'PG_VERSION'));
  return 'copied';
}
