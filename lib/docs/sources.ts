import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { integrationForUrl, parseGithubUrl } from '@/lib/github/integrations';

// Where a docs site's files come from. A snapshot lists every file of the site (mkdocs.yml and
// docs_dir) with a content hash, and reads a file's bytes only when asked, so a rebuild reads just
// what changed: a local folder is hashed from disk; a GitHub repository costs one recursive tree
// call (conditional: a 304 is free) plus one blob read per changed file.

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
  if (!realRoots.some((r) => r && inside(real, r))) throw new SourceUnavailableError(`the docs folder ${root} is outside the folders the catalog may read (the entity's location folder and catalog.fileLocationRoots)`);
  const files = new Map<string, string>();
  const sizes = new Map<string, number>();
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
        files.set(relPath, createHash('sha1').update(await fs.readFile(abs)).digest('hex'));
        sizes.set(relPath, stat.size);
      }
    }
  };
  await walk(real, '');
  return {
    type: 'file',
    source: root,
    files,
    sizes,
    changedAt: newest ? new Date(newest) : null,
    async read(file) {
      const abs = await fs.realpath(path.join(real, file));
      if (!inside(abs, real)) throw new Error(`${file} leads outside the docs folder`);
      return fs.readFile(abs);
    },
  };
}

/** A folder of a GitHub repository (`https://github.com/o/r/tree/<ref>/<path>` or a blob URL's folder). */
export async function githubSnapshot(url: string): Promise<SourceSnapshot> {
  const integration = integrationForUrl(url);
  if (!integration) throw new SourceUnavailableError(`no GitHub integration is configured for ${url}; add its host under integrations.github`);
  const parsed = parseGithubUrl(url, integration.webBaseUrl);
  if (!parsed || (parsed.kind !== 'tree' && parsed.kind !== 'blob')) throw new SourceUnavailableError(`${url} is not a GitHub folder URL (expected ${integration.webBaseUrl}/<owner>/<repo>/tree/<branch>/<path>)`);
  const { owner, repo, ref } = parsed;
  const prefix = parsed.path.replace(/\/+$/, '').replace(/^\.\/?/, '');
  const fail = (err: unknown): never => {
    if ((err as { status?: number }).status) throw new SourceUnavailableError(explainGithubError(err, `${owner}/${repo}`));
    throw err;
  };
  const client = await githubClient(integration, { org: owner }).catch(fail);
  const { data } = await client.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: 'true' }).catch(fail);
  const files = new Map<string, string>();
  const sizes = new Map<string, number>();
  for (const e of data.tree) {
    if (e.type !== 'blob' || !e.path || !e.sha) continue;
    if (prefix && !e.path.startsWith(`${prefix}/`)) continue;
    if ((e.size ?? 0) > MAX_ASSET_BYTES || files.size >= MAX_FILES) continue;
    const rel = prefix ? e.path.slice(prefix.length + 1) : e.path;
    files.set(rel, e.sha);
    sizes.set(rel, e.size ?? 0);
  }
  return {
    type: 'github',
    source: `${integration.webBaseUrl}/${owner}/${repo}/tree/${ref}${prefix ? `/${prefix}` : ''}`,
    files,
    sizes,
    changedAt: null,
    async read(file) {
      const sha = files.get(file);
      if (!sha) throw new Error(`${file} is not in ${owner}/${repo}`);
      const blob = await client.rest.git.getBlob({ owner, repo, file_sha: sha }).catch(fail);
      return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
    },
  };
}
