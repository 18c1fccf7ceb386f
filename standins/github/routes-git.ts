import type { FileMode, TreeEntry } from './git-objects';
import type { Req, Route, RouteCtx } from './http';
import { HttpError, notFound, unprocessable } from './http-error';
import type { Repo } from './model';
import { moveRef, requireRepo } from './repo-ops';
import { nodeId } from './shapes-accounts';
import { gitCommit, gitRef } from './shapes-repos';

// The Git database API: https://docs.github.com/rest/git

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);

function treeBody(ctx: RouteCtx, r: Repo, sha: string, recursive: boolean) {
  const u = `${ctx.base}/repos/${r.owner}/${r.name}/git`;
  const out: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const e of r.git.tree(treeSha)!.entries) {
      const path = prefix + e.name;
      out.push({
        path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(e.type === 'blob'
          ? { size: r.git.blob(e.sha)?.content.length ?? 0, url: `${u}/blobs/${e.sha}` }
          : { url: `${u}/trees/${e.sha}` }),
      });
      if (recursive && e.type === 'tree') walk(e.sha, `${path}/`);
    }
  };
  walk(sha, '');
  const truncated = out.length > ctx.world.treeEntryLimit;
  return { sha, url: `${u}/trees/${sha}`, tree: truncated ? out.slice(0, ctx.world.treeEntryLimit) : out, truncated };
}

function requireCommit(r: Repo, sha: unknown, field: string): string {
  if (typeof sha !== 'string' || !r.git.commit(sha))
    throw unprocessable('Object does not exist', [{ resource: 'Commit', field, code: 'invalid' }]);
  return sha;
}

export const gitRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/git/blobs/:sha',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const blob = r.git.blob(req.params.sha!);
      if (!blob) throw notFound();
      return {
        body: {
          sha: blob.sha,
          node_id: nodeId('Blob', r.id),
          url: `${ctx.base}/repos/${r.owner}/${r.name}/git/blobs/${blob.sha}`,
          size: blob.content.length,
          content: blob.content.toString('base64'),
          encoding: 'base64',
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/git/blobs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      if (typeof req.body.content !== 'string')
        throw unprocessable('Invalid request.', [{ resource: 'Blob', field: 'content', code: 'missing_field' }]);
      const sha = r.git.putBlob(Buffer.from(req.body.content, req.body.encoding === 'base64' ? 'base64' : 'utf8'));
      return { status: 201, body: { sha, url: `${ctx.base}/repos/${r.owner}/${r.name}/git/blobs/${sha}` } };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/git/trees/:sha',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      // Like GitHub, a tree-ish (commit SHA or branch) is accepted in place of a tree SHA.
      const commit = ctx.world.resolve(r, req.params.sha!);
      const sha = r.git.tree(req.params.sha!) ? req.params.sha! : commit ? r.git.commit(commit)!.data.tree : undefined;
      if (!sha) throw notFound();
      const recursive = ['1', 'true'].includes(req.query.get('recursive') ?? '');
      return { body: treeBody(ctx, r, sha, recursive) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/git/trees',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const baseTree = req.body.base_tree;
      if (baseTree !== undefined && (typeof baseTree !== 'string' || !r.git.tree(baseTree)))
        throw unprocessable('Invalid tree info', [{ resource: 'Tree', field: 'base_tree', code: 'invalid' }]);
      const items = Array.isArray(req.body.tree) ? (req.body.tree as Record<string, unknown>[]) : null;
      if (!items) throw unprocessable('Invalid tree info', [{ resource: 'Tree', field: 'tree', code: 'missing_field' }]);
      const nested = items.some((i) => String(i.path).includes('/')) || baseTree !== undefined;
      let sha: string;
      if (!nested && items.every((i) => typeof i.sha === 'string')) {
        const entries: TreeEntry[] = items.map((i) => ({
          mode: String(i.mode) as FileMode,
          name: String(i.path),
          type: i.type as TreeEntry['type'],
          sha: String(i.sha),
        }));
        sha = r.git.putTree(entries.map((e) => ({ ...e, mode: e.mode === ('40000' as FileMode) ? '040000' : e.mode })));
      } else {
        sha = r.git.applyChanges(
          typeof baseTree === 'string' ? baseTree : null,
          items.map((i) => {
            const path = String(i.path);
            const mode = String(i.mode ?? '100644') as FileMode;
            if (i.sha === null) return { path, delete: true as const };
            if (typeof i.content === 'string') return { path, content: i.content, mode };
            if (typeof i.sha === 'string' && (r.git.blob(i.sha) || r.git.tree(i.sha))) {
              if (r.git.tree(i.sha)) return { path, sha: i.sha, mode: '040000' as FileMode };
              return { path, sha: i.sha, mode };
            }
            throw unprocessable('Invalid tree info', [{ resource: 'Tree', field: 'tree.sha', code: 'invalid' }]);
          }),
        );
      }
      return { status: 201, body: treeBody(ctx, r, sha, false) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/git/commits/:sha',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      if (!r.git.commit(req.params.sha!)) throw notFound();
      return { body: gitCommit(ctx.base, r, req.params.sha!) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/git/commits',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body;
      if (typeof b.message !== 'string')
        throw unprocessable('Invalid request.', [{ resource: 'Commit', field: 'message', code: 'missing_field' }]);
      if (typeof b.tree !== 'string' || !r.git.tree(b.tree))
        throw unprocessable('Tree SHA does not exist', [{ resource: 'Commit', field: 'tree', code: 'invalid' }]);
      const parents = Array.isArray(b.parents) ? b.parents.map((p) => requireCommit(r, p, 'parents')) : [];
      const person = (p: unknown) => {
        const o = p as { name?: string; email?: string; date?: string } | undefined;
        return o?.name && o.email ? { name: o.name, email: o.email, date: o.date ?? ctx.world.iso() } : undefined;
      };
      const author = person(b.author) ?? {
        name: ctx.actor.name ?? ctx.actor.login,
        email: ctx.actor.email ?? `${ctx.actor.login}@users.noreply.github.com`,
        date: ctx.world.iso(),
      };
      const sha = r.git.putCommit({ tree: b.tree, parents, author, committer: person(b.committer) ?? author, message: b.message });
      return { status: 201, body: gitCommit(ctx.base, r, sha) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/git/ref/*ref',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const ref = `refs/${req.params.ref}`;
      const sha = r.refs.get(ref);
      if (!sha) throw notFound();
      return { body: gitRef(ctx.base, r, ref, sha) };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/git/matching-refs/*ref',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const prefix = `refs/${req.params.ref}`;
      return { body: [...r.refs].filter(([ref]) => ref.startsWith(prefix)).map(([ref, sha]) => gitRef(ctx.base, r, ref, sha)) };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/git/refs',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const ref = req.body.ref;
      if (typeof ref !== 'string' || !/^refs\/.+\/.+/.test(ref))
        throw unprocessable("Reference name must start with 'refs/' and have at least two slashes.");
      const sha = requireCommit(r, req.body.sha, 'sha');
      if (r.refs.has(ref)) throw unprocessable('Reference already exists');
      moveRef(ctx.state.ctx, r, ref, sha, ctx.actor);
      return { status: 201, body: gitRef(ctx.base, r, ref, sha) };
    },
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/git/refs/*ref',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const ref = `refs/${req.params.ref}`;
      const current = r.refs.get(ref);
      if (!current) throw unprocessable('Reference does not exist');
      const sha = requireCommit(r, req.body.sha, 'sha');
      if (req.body.force !== true && !r.git.isAncestor(current, sha)) throw unprocessable('Update is not a fast forward');
      moveRef(ctx.state.ctx, r, ref, sha, ctx.actor);
      return { body: gitRef(ctx.base, r, ref, sha) };
    },
  },
  {
    method: 'DELETE',
    pattern: '/repos/:owner/:repo/git/refs/*ref',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const ref = `refs/${req.params.ref}`;
      if (!r.refs.has(ref)) throw unprocessable('Reference does not exist');
      if (ref === `refs/heads/${r.defaultBranch}`) throw new HttpError(422, 'Cannot delete the default branch');
      moveRef(ctx.state.ctx, r, ref, null, ctx.actor);
      return { status: 204 };
    },
  },
];
