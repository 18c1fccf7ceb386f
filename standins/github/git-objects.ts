import { createHash } from 'node:crypto';

// Git's object model, byte for byte: https://git-scm.com/book/en/v2/Git-Internals-Git-Objects
// SHAs here must equal `git hash-object` / `git rev-parse`, so the stand-in's repositories look
// like real ones to any code that caches or compares SHAs.

export type FileMode = '100644' | '100755' | '040000' | '120000' | '160000';

export interface TreeEntry {
  mode: FileMode;
  name: string;
  type: 'blob' | 'tree' | 'commit';
  sha: string;
}

export interface GitSignature {
  name: string;
  email: string;
  /** ISO 8601; the offset (Z or ±hh:mm) becomes git's timezone. */
  date: string;
}

export interface CommitData {
  tree: string;
  parents: string[];
  author: GitSignature;
  committer: GitSignature;
  message: string;
}

export type GitObject =
  | { type: 'blob'; sha: string; content: Buffer }
  | { type: 'tree'; sha: string; entries: TreeEntry[] }
  | { type: 'commit'; sha: string; data: CommitData };

export interface FlatFile {
  sha: string;
  mode: FileMode;
}

export function hashObject(type: string, body: Buffer): string {
  return createHash('sha1')
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

/** Git sorts tree entries by name bytes, comparing a subtree's name as if it ended in '/'. */
export function sortTreeEntries(entries: TreeEntry[]): TreeEntry[] {
  const key = (e: TreeEntry) => Buffer.from(e.type === 'tree' ? `${e.name}/` : e.name);
  return [...entries].sort((a, b) => Buffer.compare(key(a), key(b)));
}

export function encodeTree(entries: TreeEntry[]): Buffer {
  return Buffer.concat(
    sortTreeEntries(entries).map((e) =>
      // Git writes a tree's mode without the leading zero ("40000").
      Buffer.concat([Buffer.from(`${e.mode.replace(/^0/, '')} ${e.name}\0`), Buffer.from(e.sha, 'hex')]),
    ),
  );
}

export function formatGitDate(iso: string): string {
  const seconds = Math.floor(Date.parse(iso) / 1000);
  const m = /([+-])(\d\d):?(\d\d)$/.exec(iso);
  const tz = m && !iso.endsWith('Z') ? `${m[1]}${m[2]}${m[3]}` : '+0000';
  return `${seconds} ${tz}`;
}

export function encodeCommit(c: CommitData): Buffer {
  const sig = (s: GitSignature) => `${s.name} <${s.email}> ${formatGitDate(s.date)}`;
  const lines = [`tree ${c.tree}`, ...c.parents.map((p) => `parent ${p}`), `author ${sig(c.author)}`, `committer ${sig(c.committer)}`];
  return Buffer.from(`${lines.join('\n')}\n\n${c.message}`);
}

export type FileChange =
  | { path: string; content: Buffer | string; mode?: FileMode }
  | { path: string; sha: string; mode?: FileMode }
  | { path: string; delete: true };

export interface TreeDiff {
  added: string[];
  modified: string[];
  removed: string[];
  /** path → [before sha | null, after sha | null] */
  shas: Map<string, [string | null, string | null]>;
}

/** One repository's object database. Objects are immutable and addressed by SHA, as in git. */
export class GitStore {
  private readonly objects = new Map<string, GitObject>();

  get(sha: string): GitObject | undefined {
    return this.objects.get(sha);
  }

  blob(sha: string) {
    const o = this.objects.get(sha);
    return o?.type === 'blob' ? o : undefined;
  }

  tree(sha: string) {
    const o = this.objects.get(sha);
    return o?.type === 'tree' ? o : undefined;
  }

  commit(sha: string) {
    const o = this.objects.get(sha);
    return o?.type === 'commit' ? o : undefined;
  }

  putBlob(content: Buffer | string): string {
    const buf = typeof content === 'string' ? Buffer.from(content) : content;
    const sha = hashObject('blob', buf);
    this.objects.set(sha, { type: 'blob', sha, content: buf });
    return sha;
  }

  putTree(entries: TreeEntry[]): string {
    const sorted = sortTreeEntries(entries);
    const sha = hashObject('tree', encodeTree(sorted));
    this.objects.set(sha, { type: 'tree', sha, entries: sorted });
    return sha;
  }

  putCommit(data: CommitData): string {
    const sha = hashObject('commit', encodeCommit(data));
    this.objects.set(sha, { type: 'commit', sha, data });
    return sha;
  }

  /** Every file under a tree, by full path. */
  flatten(treeSha: string, prefix = '', out = new Map<string, FlatFile>()): Map<string, FlatFile> {
    for (const e of this.tree(treeSha)?.entries ?? []) {
      const path = prefix + e.name;
      if (e.type === 'tree') this.flatten(e.sha, `${path}/`, out);
      else out.set(path, { sha: e.sha, mode: e.mode });
    }
    return out;
  }

  /** Builds (nested) trees from a flat path → file map; returns the root tree SHA. */
  buildTree(files: Map<string, FlatFile>): string {
    const root = new Map<string, FlatFile | Map<string, unknown>>();
    for (const [path, file] of files) {
      const parts = path.split('/').filter(Boolean);
      let dir = root;
      for (const part of parts.slice(0, -1)) {
        let next = dir.get(part);
        if (!(next instanceof Map)) dir.set(part, (next = new Map()));
        dir = next as typeof root;
      }
      dir.set(parts[parts.length - 1]!, file);
    }
    const write = (dir: typeof root): string =>
      this.putTree(
        [...dir].map(([name, v]) =>
          v instanceof Map
            ? { mode: '040000', name, type: 'tree', sha: write(v as typeof root) }
            : { mode: v.mode, name, type: v.mode === '160000' ? 'commit' : 'blob', sha: v.sha },
        ),
      );
    return write(root);
  }

  /** Applies changes on top of a base tree (or an empty one), as POST /git/trees does. */
  applyChanges(baseTree: string | null, changes: FileChange[]): string {
    const files = baseTree ? this.flatten(baseTree) : new Map<string, FlatFile>();
    for (const c of changes) {
      const path = c.path.replace(/^\/+/, '');
      if ('delete' in c) {
        files.delete(path);
        for (const p of [...files.keys()]) if (p.startsWith(`${path}/`)) files.delete(p);
      } else if ('content' in c) files.set(path, { sha: this.putBlob(c.content), mode: c.mode ?? '100644' });
      else files.set(path, { sha: c.sha, mode: c.mode ?? '100644' });
    }
    return this.buildTree(files);
  }

  diffTrees(before: string | null, after: string | null): TreeDiff {
    const a = before ? this.flatten(before) : new Map<string, FlatFile>();
    const b = after ? this.flatten(after) : new Map<string, FlatFile>();
    const diff: TreeDiff = { added: [], modified: [], removed: [], shas: new Map() };
    for (const [path, f] of b) {
      const old = a.get(path);
      if (!old) diff.added.push(path);
      else if (old.sha !== f.sha || old.mode !== f.mode) diff.modified.push(path);
      else continue;
      diff.shas.set(path, [old?.sha ?? null, f.sha]);
    }
    for (const [path, f] of a) {
      if (b.has(path)) continue;
      diff.removed.push(path);
      diff.shas.set(path, [f.sha, null]);
    }
    return diff;
  }

  /** Commits reachable from `sha`, newest first (breadth-first, like a simple `git rev-list`). */
  ancestors(sha: string): string[] {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length) {
      const s = queue.shift()!;
      if (seen.has(s)) continue;
      seen.add(s);
      queue.push(...(this.commit(s)?.data.parents ?? []));
    }
    return [...seen];
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).includes(ancestor);
  }

  mergeBase(a: string, b: string): string | null {
    const fromA = new Set(this.ancestors(a));
    return this.ancestors(b).find((s) => fromA.has(s)) ?? null;
  }

  /** Commits in head not in base, oldest first (what a compare or a PR lists). */
  commitsBetween(base: string, head: string): string[] {
    const exclude = new Set(this.ancestors(base));
    return this.ancestors(head)
      .filter((s) => !exclude.has(s))
      .reverse();
  }
}
