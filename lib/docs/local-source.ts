import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

// Where a docs site's files come from. A snapshot lists every file of the site (mkdocs.yml and
// docs_dir) with a content hash, and reads a file's bytes only when asked, so a rebuild reads just
// what changed: a local folder (here) is hashed from disk; a GitHub repository (github-source.ts)
// costs one recursive tree call (conditional: a 304 is free) plus one blob read per changed file.

export const MAX_PAGE_BYTES = 1024 * 1024;
export const MAX_ASSET_BYTES = 5 * 1024 * 1024;
const MAX_FILES = 5_000;

export type SourceSnapshot = {
  type: 'file' | 'github';
  /** Display form of the site root (folder or GitHub tree URL). */
  source: string;
  /** Path (relative to the site root, POSIX) → content hash. */
  files: Map<string, string>;
  sizes: Map<string, number>;
  /** Modification time of each file (local folders; GitHub's tree has none). */
  mtimes?: Map<string, Date>;
  /** Newest modification time (local folders). */
  changedAt: Date | null;
  read(file: string): Promise<Buffer>;
};

/** A failure to reach the source: the last good build stays and the message is shown with it. */
export class SourceUnavailableError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git', 'site', '.venv']);

/**
 * A local folder. Its real path must lie inside one of `allowedRoots` (the entity's location
 * folder, catalog.fileLocationRoots), and so must every file read: a symlink cannot lead out.
 */
export async function localSnapshot(root: string, allowedRoots: string[]): Promise<SourceSnapshot> {
  const real = await fs.realpath(root).catch(() => null);
  if (!real) throw new SourceUnavailableError(`the docs folder ${root} does not exist`);
  const realRoots = await Promise.all(allowedRoots.map((r) => fs.realpath(r).catch(() => null)));
  const inside = (p: string, base: string) => p === base || p.startsWith(`${base}${path.sep}`);
  if (!realRoots.some((r) => r && inside(real, r)))
    throw new SourceUnavailableError(
      `the docs folder ${root} is outside the folders the catalog may read (the entity's location folder and catalog.fileLocationRoots)`,
    );
  const files = new Map<string, string>();
  const sizes = new Map<string, number>();
  const mtimes = new Map<string, Date>();
  let newest = 0;
  const walk = async (dir: string, rel: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (files.size >= MAX_FILES) return;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(abs, relPath);
      } else if (entry.isFile()) {
        const stat = await fs.stat(abs);
        if (stat.size > MAX_ASSET_BYTES) continue;
        newest = Math.max(newest, stat.mtimeMs);
        files.set(
          relPath,
          createHash('sha1')
            .update(await fs.readFile(abs))
            .digest('hex'),
        );
        sizes.set(relPath, stat.size);
        mtimes.set(relPath, stat.mtime);
      }
    }
  };
  await walk(real, '');
  return {
    type: 'file',
    source: root,
    files,
    sizes,
    mtimes,
    changedAt: newest ? new Date(newest) : null,
    async read(file) {
      const abs = await fs.realpath(path.join(real, file));
      if (!inside(abs, real)) throw new Error(`${file} leads outside the docs folder`);
      return fs.readFile(abs);
    },
  };
}
