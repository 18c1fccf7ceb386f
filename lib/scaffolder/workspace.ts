import 'server-only';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { gitignoreMatcher } from '@/lib/reading/gitignore';
import { confinedRelativePath, PathError } from './model/paths';
import { cutSecrets, pasteSecrets, type SecretCut, type Secrets } from './model/secrets';

// A task's working folder. Paths resolve inside it by text (no "..", nothing absolute) and by real
// path (a symlink in the workspace cannot lead out). The workspace is saved to the task row after
// every completed step, so a retry or a resume on another instance continues from that state; the
// task's secret values are cut out of the saved copy (model/secrets.ts) and put back on restore.

const MAX_WORKSPACE_BYTES = 50 * 1024 * 1024;
const LIMIT = `a workspace holds at most ${MAX_WORKSPACE_BYTES / 1024 / 1024} MB: write fewer or smaller files`;

/** Absolute path of `rel` inside `root`, refused when the text or a symlink on the way escapes. */
export async function resolveInWorkspace(root: string, rel: string, what = 'path'): Promise<string> {
  const clean = confinedRelativePath(rel, what);
  const realRoot = await fs.realpath(root);
  const target = path.join(realRoot, clean);
  // The deepest part that exists must really be inside the root.
  let probe = target;
  for (;;) {
    const real = await fs.realpath(probe).catch(() => null);
    if (real) {
      if (real !== realRoot && !real.startsWith(realRoot + path.sep))
        throw new PathError(`${what} "${rel}" leads out of the task's workspace through a symlink`);
      break;
    }
    const parent = path.dirname(probe);
    if (parent === probe) break;
    probe = parent;
  }
  return target;
}

export type WorkspaceFile = { path: string; content: Buffer; executable: boolean };

/** Every regular file under `root` (symlinks are not followed and not listed), sorted by path. */
export async function listWorkspaceFiles(root: string): Promise<WorkspaceFile[]> {
  const out: WorkspaceFile[] = [];
  let total = 0;
  const walk = async (dir: string) => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) await walk(abs);
      else if (e.isFile()) {
        const [content, stat] = await Promise.all([fs.readFile(abs), fs.stat(abs)]);
        total += content.length;
        if (total > MAX_WORKSPACE_BYTES) throw new Error(`the workspace is over ${MAX_WORKSPACE_BYTES / 1024 / 1024} MB; ${LIMIT}`);
        out.push({ path: path.relative(root, abs).split(path.sep).join('/'), content, executable: (stat.mode & 0o111) !== 0 });
      }
    }
  };
  await walk(root);
  return out;
}

// Bytes written to each workspace: an upper bound (fs:delete is not subtracted), counted again from
// the disk when it would pass the limit. A template that loops (each:, fetch:template) is stopped
// at the write that passes it, not after its step has filled the disk.
const written = new Map<string, number>();
const TRACKED_WORKSPACES = 256;

async function bytesOnDisk(dir: string): Promise<number> {
  let total = 0;
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name);
    if (e.isDirectory()) total += await bytesOnDisk(abs);
    else if (e.isFile()) total += (await fs.lstat(abs)).size;
  }
  return total;
}

/** Writes a file at a confined path, creating folders; refused when the workspace would pass its limit. */
/**
 * The files git would add: those no .gitignore among them ignores, a deeper one deciding over a
 * shallower one, as Backstage's publish actions push a workspace (isomorphic-git's add, or
 * serializeDirectoryContents with gitignore).
 */
export function gitTracked(files: WorkspaceFile[]): WorkspaceFile[] {
  const ignores = files
    .filter((f) => f.path === '.gitignore' || f.path.endsWith('/.gitignore'))
    .map((f) => ({ folder: f.path.slice(0, -'.gitignore'.length), ignored: gitignoreMatcher(f.content.toString('utf8')) }))
    .sort((a, b) => a.folder.length - b.folder.length);
  if (!ignores.length) return files;
  return files.filter((f) => {
    let ignored = false;
    for (const g of ignores) {
      if (!f.path.startsWith(g.folder)) continue;
      const verdict = g.ignored(f.path.slice(g.folder.length));
      if (verdict !== null) ignored = verdict;
    }
    return !ignored;
  });
}

export async function writeWorkspaceFile(root: string, rel: string, content: Buffer | string, executable = false): Promise<void> {
  const abs = await resolveInWorkspace(root, rel);
  await fs.mkdir(path.dirname(abs), { recursive: true });
  // A symlink planted at the target itself would be followed by writeFile: replace it.
  const stat = await fs.lstat(abs).catch(() => null);
  if (stat?.isSymbolicLink()) await fs.rm(abs);
  const change = Buffer.byteLength(content) - (stat?.isFile() ? stat.size : 0);
  let used = written.get(root) ?? (await bytesOnDisk(root));
  if (used + change > MAX_WORKSPACE_BYTES) used = await bytesOnDisk(root);
  if (used + change > MAX_WORKSPACE_BYTES)
    throw new Error(
      `writing ${rel} (${Buffer.byteLength(content).toLocaleString('en-US')} bytes) would take the workspace past its limit; ${LIMIT}`,
    );
  await fs.writeFile(abs, content, executable ? { mode: 0o755 } : undefined);
  written.delete(root);
  written.set(root, used + change);
  if (written.size > TRACKED_WORKSPACES) written.delete(written.keys().next().value!);
}

/** A file of a snapshot; the cuts are where secret values were taken out of its contents and path. */
type SnapshotFile = [path: string, base64: string, executable: 0 | 1, cuts?: SecretCut[], pathCuts?: SecretCut[]];

/** The workspace as one compressed blob for the task row, with every secret value cut out. */
export async function snapshotWorkspace(root: string, secrets: Secrets = {}): Promise<Buffer> {
  const files = (await listWorkspaceFiles(root)).map((f): SnapshotFile => {
    const content = cutSecrets(f.content, secrets);
    const name = cutSecrets(Buffer.from(f.path), secrets);
    const entry: SnapshotFile = [name.rest.toString('utf8'), content.rest.toString('base64'), f.executable ? 1 : 0];
    if (content.cuts.length || name.cuts.length) entry.push(content.cuts);
    if (name.cuts.length) entry.push(name.cuts);
    return entry;
  });
  return gzipSync(JSON.stringify(files));
}

/** Writes a snapshot's files into an emptied `root`, with the secret values put back. */
export async function restoreWorkspace(root: string, snapshot: Uint8Array | null, secrets: Secrets = {}): Promise<void> {
  await fs.rm(root, { recursive: true, force: true });
  await fs.mkdir(root, { recursive: true });
  written.delete(root);
  if (!snapshot) return;
  const files = JSON.parse(gunzipSync(snapshot).toString('utf8')) as SnapshotFile[];
  const what = 'the workspace saved after the last completed step';
  for (const [p, b64, x, cuts = [], pathCuts = []] of files) {
    const name = pasteSecrets(Buffer.from(p), pathCuts, secrets, what).toString('utf8');
    await writeWorkspaceFile(root, name, pasteSecrets(Buffer.from(b64, 'base64'), cuts, secrets, what), x === 1);
  }
}
