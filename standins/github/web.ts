import type { Reply, Req, Route, RouteCtx } from './http';
import type { PullRequest, Repo } from './model';
import { esc, link, PAGE_HEADERS, table, webPage } from '../web-page';

// Read-only web pages at the addresses GitHub's web UI has (html_url, blob/tree/edit URLs, a
// repository, its Actions and pull requests, an account, a team), so that a link the portal makes
// to "GitHub" in the demo shows what the stand-in holds instead of a JSON 404. Served only to a
// browser (a GET that accepts text/html): API clients at the same paths get the REST API.

const pathOf = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .map(encodeURIComponent)
    .join('/')}`;

function page(title: string, body: string, status = 200): Reply {
  return { status, headers: PAGE_HEADERS, text: webPage('GitHub', title, body) };
}

const notFound = (what: string) => page('Not found', `<p>${esc(what)} is not on this GitHub stand-in.</p>`, 404);

function repoNav(r: Repo): string {
  const base = pathOf(r.owner, r.name);
  return `<nav><p>${link(pathOf(r.owner), r.owner)} / ${link(base, r.name)}</p><p class="tabs">${link(base, 'Code')}${link(`${base}/pulls`, 'Pull requests')}${link(`${base}/actions`, 'Actions')}</p></nav>`;
}

function withRepo(handler: (r: Repo, req: Req, ctx: RouteCtx) => Reply): Route['handler'] {
  return (req, ctx) => {
    const r = ctx.world.repo(req.params.owner!, req.params.repo!);
    return r ? handler(r, req, ctx) : notFound(`The repository ${req.params.owner}/${req.params.repo}`);
  };
}

/** A file or folder at a ref: the file's text, or the folder's children. */
function contents(r: Repo, req: Req, ctx: RouteCtx, mode: 'blob' | 'tree' | 'edit'): Reply {
  // A branch name may hold slashes (feature/faster-quotes): the shortest leading part that names one.
  const parts = req.params.rest!.split('/');
  const at = parts.findIndex((_, i) => ctx.world.resolve(r, parts.slice(0, i + 1).join('/')) !== undefined);
  if (at < 0) return notFound(`The branch or commit ${parts[0]} of ${r.owner}/${r.name}`);
  const ref = parts.slice(0, at + 1).join('/');
  const sha = ctx.world.resolve(r, ref)!;
  const path = parts
    .slice(at + 1)
    .join('/')
    .replace(/\/+$/, '');
  const files = r.git.flatten(r.git.commit(sha)!.data.tree);
  const file = files.get(path);
  if (file && mode !== 'tree') {
    const note = mode === 'edit' ? '<p class="muted">The stand-in has no editor: this is the file as it is.</p>' : '';
    return page(
      path,
      `${repoNav(r)}<p class="muted">On ${esc(ref)}</p>${note}<pre>${esc(r.git.blob(file.sha)!.content.toString('utf8'))}</pre>`,
    );
  }
  const prefix = path ? `${path}/` : '';
  const children = new Map<string, boolean>();
  for (const p of files.keys()) {
    if (!p.startsWith(prefix)) continue;
    const [name, ...deeper] = p.slice(prefix.length).split('/');
    children.set(name!, deeper.length > 0 || children.get(name!) === true);
  }
  if (!children.size) return notFound(`${path} on ${ref} of ${r.owner}/${r.name}`);
  const rows = [...children]
    .sort(([x, xDir], [y, yDir]) => Number(yDir) - Number(xDir) || x.localeCompare(y))
    .map(([name, dir]) => `<li>${link(pathOf(r.owner, r.name, dir ? 'tree' : 'blob', ref, prefix + name), dir ? `${name}/` : name)}</li>`);
  const readme = path === '' && files.get('README.md');
  return page(
    path ? `${r.name}/${path}` : `${r.owner}/${r.name}`,
    `${repoNav(r)}${r.description ? `<p>${esc(r.description)}</p>` : ''}<p class="muted">On ${esc(ref)}</p><ul>${rows.join('')}</ul>` +
      (readme ? `<h2>README.md</h2><pre>${esc(r.git.blob(readme.sha)!.content.toString('utf8'))}</pre>` : ''),
  );
}

const status = (s: { status: string; conclusion: string | null }) => esc(s.conclusion ?? s.status);
const pullState = (p: PullRequest) => (p.mergedAt ? 'merged' : p.draft && p.state === 'open' ? 'draft' : p.state);

export const webPages: Route[] = [
  {
    method: 'GET',
    pattern: '/orgs/:org/teams/:slug',
    web: true,
    handler: (req, ctx) => {
      const t = ctx.world.team(req.params.org!, req.params.slug!);
      if (!t) return notFound(`The team ${req.params.org}/${req.params.slug}`);
      const members = [...t.members].map(
        ([login, role]) => `<li>${link(pathOf(login), login)} <span class="muted">${esc(role)}</span></li>`,
      );
      return page(
        t.name,
        `<p>${link(pathOf(t.org), t.org)} / ${esc(t.slug)}</p>${t.description ? `<p>${esc(t.description)}</p>` : ''}<h2>Members</h2><ul>${members.join('') || '<li class="muted">none</li>'}</ul>`,
      );
    },
  },
  {
    method: 'GET',
    pattern: '/:owner',
    web: true,
    handler: (req, ctx) => {
      const account = ctx.world.account(req.params.owner!);
      if (!account) return notFound(`The account ${req.params.owner}`);
      const login = account.kind === 'org' ? account.org.login : account.user.login;
      const repos = ctx.world.reposOf(login).map((r) => `<li>${link(pathOf(r.owner, r.name), r.name)}</li>`);
      const teams =
        account.kind === 'org'
          ? ctx.world.teamsOf(login).map((t) => `<li>${link(pathOf('orgs', t.org, 'teams', t.slug), t.name)}</li>`)
          : [];
      const name = account.kind === 'org' ? account.org.name : account.user.name;
      return page(
        name ?? login,
        `<p class="muted">${esc(login)}</p><h2>Repositories</h2><ul>${repos.join('') || '<li class="muted">none</li>'}</ul>` +
          (teams.length ? `<h2>Teams</h2><ul>${teams.join('')}</ul>` : ''),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/:owner/:repo',
    web: true,
    handler: withRepo((r, req, ctx) => contents(r, { ...req, params: { ...req.params, rest: r.defaultBranch } }, ctx, 'tree')),
  },
  ...(['blob', 'tree', 'edit'] as const).map((mode): Route => ({
    method: 'GET',
    pattern: `/:owner/:repo/${mode}/*rest`,
    web: true,
    handler: withRepo((r, req, ctx) => contents(r, req, ctx, mode)),
  })),
  {
    method: 'GET',
    pattern: '/:owner/:repo/commit/:sha',
    web: true,
    handler: withRepo((r, req) => {
      const c = r.git.commit(req.params.sha!);
      if (!c) return notFound(`The commit ${req.params.sha} of ${r.owner}/${r.name}`);
      const now = r.git.flatten(c.data.tree);
      const before = c.data.parents[0] ? r.git.flatten(r.git.commit(c.data.parents[0])!.data.tree) : new Map();
      const changed = [...new Set([...now.keys(), ...before.keys()])]
        .filter((p) => now.get(p)?.sha !== before.get(p)?.sha)
        .sort()
        .map(
          (p) =>
            `<li>${now.has(p) ? link(pathOf(r.owner, r.name, 'blob', c.sha, p), p) : `${esc(p)} <span class="muted">removed</span>`}</li>`,
        );
      return page(
        c.data.message.split('\n')[0]!,
        `${repoNav(r)}<pre>${esc(c.data.message)}</pre><p class="muted">${esc(c.data.author.name)} · ${esc(c.data.author.date)} · ${esc(c.sha)}</p><h2>Files changed</h2><ul>${changed.join('')}</ul>`,
      );
    }),
  },
  {
    method: 'GET',
    pattern: '/:owner/:repo/pulls',
    web: true,
    handler: withRepo((r) => {
      const rows = [...r.pulls]
        .reverse()
        .map(
          (p) =>
            `<tr><td>${link(pathOf(r.owner, r.name, 'pull', String(p.number)), `#${p.number} ${p.title}`)}</td><td>${pullState(p)}</td><td>${esc(p.user)}</td><td>${esc(p.createdAt)}</td></tr>`,
        );
      return page(`Pull requests · ${r.owner}/${r.name}`, `${repoNav(r)}${table(rows, 'No pull requests')}`);
    }),
  },
  ...['pull', 'issues'].map((kind): Route => ({
    method: 'GET',
    pattern: `/:owner/:repo/${kind}/:number`,
    web: true,
    handler: withRepo((r, req) => {
      const p = r.pulls.find((x) => String(x.number) === req.params.number);
      const issue = r.issues.find((x) => String(x.number) === req.params.number);
      if (p) {
        const state = p.mergedAt ? `merged by ${p.mergedBy}` : pullState(p);
        return page(
          `${p.title} #${p.number}`,
          `${repoNav(r)}<p>${esc(state)} · ${esc(p.user)} wants to merge ${link(pathOf(r.owner, r.name, 'tree', p.head), p.head)} into ${link(pathOf(r.owner, r.name, 'tree', p.base), p.base)} · ${esc(p.createdAt)}</p>${p.body ? `<pre>${esc(p.body)}</pre>` : ''}`,
        );
      }
      if (issue)
        return page(
          `${issue.title} #${issue.number}`,
          `${repoNav(r)}<p>${esc(issue.state)} · ${esc(issue.user)}</p>${issue.body ? `<pre>${esc(issue.body)}</pre>` : ''}`,
        );
      return notFound(`#${req.params.number} of ${r.owner}/${r.name}`);
    }),
  })),
  {
    method: 'GET',
    pattern: '/:owner/:repo/actions',
    web: true,
    handler: withRepo((r) => {
      const rows = [...r.workflowRuns]
        .sort((x, y) => y.createdAt.localeCompare(x.createdAt))
        .map(
          (run) =>
            `<tr><td>${link(pathOf(r.owner, r.name, 'actions', 'runs', String(run.id)), `${run.name} #${run.runNumber}`)}</td><td>${status(run)}</td><td>${esc(run.headBranch)}</td><td>${esc(run.event)}</td><td>${esc(run.createdAt)}</td></tr>`,
        );
      return page(`Actions · ${r.owner}/${r.name}`, `${repoNav(r)}${table(rows, 'No workflow runs')}`);
    }),
  },
  ...['/:owner/:repo/actions/runs/:id', '/:owner/:repo/actions/runs/:id/job/:job'].map((pattern): Route => ({
    method: 'GET',
    pattern,
    web: true,
    handler: withRepo((r, req) => {
      const run = r.workflowRuns.find((x) => String(x.id) === req.params.id);
      if (!run) return notFound(`The workflow run ${req.params.id} of ${r.owner}/${r.name}`);
      const jobs = run.jobs.map(
        (j) =>
          `<h2 id="job-${j.id}">${esc(j.name)}: ${status(j)}</h2><ol>${j.steps.map((s) => `<li>${esc(s.name)}: ${status(s)}</li>`).join('')}</ol>`,
      );
      return page(
        `${run.name} #${run.runNumber}`,
        `${repoNav(r)}<p>${status(run)} · ${esc(run.event)} on ${esc(run.headBranch)} · ${link(pathOf(r.owner, r.name, 'commit', run.headSha), run.headSha.slice(0, 7))} · ${esc(run.createdAt)}</p>${jobs.join('')}`,
      );
    }),
  })),
  {
    method: 'GET',
    pattern: '/:owner/:repo/runs/:id',
    web: true,
    handler: withRepo((r, req) => {
      const c = r.checkRuns.find((x) => String(x.id) === req.params.id);
      if (!c) return notFound(`The check run ${req.params.id} of ${r.owner}/${r.name}`);
      const notes = c.annotations.map((n) => `<li>${esc(n.level)} ${esc(n.path)}:${n.startLine}: ${esc(n.message)}</li>`);
      return page(
        c.name,
        `${repoNav(r)}<p>${status(c)}</p>${c.output.title ? `<h2>${esc(c.output.title)}</h2>` : ''}<pre>${esc(c.output.summary ?? '')}</pre><ul>${notes.join('')}</ul>`,
      );
    }),
  },
];
