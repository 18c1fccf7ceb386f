import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { isInsideRoots, isUrl } from '@/lib/catalog/model';
import { GithubRequestError, listRepoTree } from '@/lib/github/repo-files';
import { ActionError } from './actions/types';
import { confinedRelativePath } from './model/paths';

// What fetch:* actions may read: a folder or file relative to the template's own location
// (its folder on disk, or beside it in its GitHub repository), or an absolute URL that a
// configured GitHub integration serves. Nothing else: no other hosts, no folder outside the
// template's own. `readRemoteTree` is the one place a URL is read; it is the seam for the
// catalog's URL allow-list reader.

export type SourceFile = { path: string; content: Buffer; executable: boolean };

/** `file`: one file, not a folder; `token`: read a URL with it instead of the integration's credentials (fetch:*'s input). */
type ReadOptions = { file?: boolean; token?: string };

const MAX_FILES = 2_000;
const MAX_BYTES = 50 * 1024 * 1024;

/** Base of a template from its managed-by-location annotation (`file:/…/template.yaml`, `url:https://…`). */
export function templateBaseUrl(annotation: string | undefined): string | null {
  if (!annotation) return null;
  const i = annotation.indexOf(':');
  const type = annotation.slice(0, i);
  const target = annotation.slice(i + 1);
  if (type === 'file') return `file:${target}`;
  if (type === 'url') return target;
  return null;
}

/**
 * Reads `target` (a folder, or one file with `file: true`) relative to the template's base.
 * Paths in the result are relative to the folder read (a file: its own name).
 */
export async function readTemplateSource(baseUrl: string | null, target: string, options: ReadOptions = {}): Promise<SourceFile[]> {
  if (isUrl(target)) return readRemoteTree(target, options);
  if (!baseUrl)
    throw new ActionError(`"${target}" is relative, but this template has no location to resolve it against; use an absolute URL`);
  if (baseUrl.startsWith('file:')) {
    const templateDir = path.dirname(baseUrl.slice('file:'.length));
    const abs = path.resolve(templateDir, target);
    if (!isInsideRoots(abs, [templateDir]))
      throw new ActionError(`"${target}" lies outside the template's own folder; fetch:* reads only from the template's location`);
    return readLocal(abs, templateDir, options);
  }
  return readRemoteTree(new URL(target, baseUrl).toString(), options);
}

async function readLocal(abs: string, root: string, options: { file?: boolean }): Promise<SourceFile[]> {
  const real = await fs.realpath(abs).catch(() => null);
  if (!real) throw new ActionError(`${path.relative(root, abs) || '.'} does not exist in the template's folder`);
  const realRoot = await fs.realpath(root);
  if (!isInsideRoots(real, [realRoot]))
    throw new ActionError(`${path.relative(root, abs)} leads out of the template's folder through a symlink`);
  const stat = await fs.stat(real);
  if (options.file || stat.isFile()) {
    if (!stat.isFile()) throw new ActionError(`${path.relative(root, abs)} is a folder; fetch:plain:file reads one file`);
    return [{ path: path.basename(abs), content: await fs.readFile(real), executable: (stat.mode & 0o111) !== 0 }];
  }
  const out: SourceFile[] = [];
  let total = 0;
  const walk = async (dir: string) => {
    for (const e of (await fs.readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      // Symlinks in a skeleton are not followed: they could point anywhere on the server.
      if (e.isSymbolicLink()) throw new ActionError(`${path.relative(real, p)} is a symlink; skeletons may hold only files and folders`);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile()) {
        const content = await fs.readFile(p);
        total += content.length;
        if (out.length >= MAX_FILES || total > MAX_BYTES)
          throw new ActionError(`the skeleton is larger than ${MAX_FILES} files or ${MAX_BYTES / 1024 / 1024} MB`);
        const mode = (await fs.stat(p)).mode;
        out.push({ path: path.relative(real, p).split(path.sep).join('/'), content, executable: (mode & 0o111) !== 0 });
      }
    }
  };
  await walk(real);
  return out;
}

/** A folder (tree URL) or file (blob URL) of a repository that a GitHub integration serves. */
export async function readRemoteTree(url: string, options: ReadOptions = {}): Promise<SourceFile[]> {
  try {
    const tree = await listRepoTree(url, { token: options.token });
    if (!tree)
      throw new ActionError(
        `${url} is not served by a configured integration (integrations.github); fetch:* reads only from the template's location or an integration`,
      );
    confinedRelativePath(tree.prefix, 'URL path');
    const single = tree.files.length === 1 && tree.files[0].repoPath === tree.prefix;
    if (options.file && !single) throw new ActionError(`${url} is not a file`);
    if (!tree.files.length) throw new ActionError(`${url} has no files`);
    if (tree.files.length > MAX_FILES) throw new ActionError(`${url} has more than ${MAX_FILES} files`);
    const out: SourceFile[] = [];
    let total = 0;
    for (const f of tree.files) {
      if (f.mode === '120000') throw new ActionError(`${f.repoPath} is a symlink; skeletons may hold only files and folders`);
      const content = await tree.read(f);
      total += content.length;
      if (total > MAX_BYTES) throw new ActionError(`${url} is larger than ${MAX_BYTES / 1024 / 1024} MB`);
      out.push({ path: f.path, content, executable: f.mode === '100755' });
    }
    return out;
  } catch (err) {
    if (err instanceof GithubRequestError) throw new ActionError(err.message);
    throw err;
  }
}
