import type { GitSignature } from './git-objects';
import type { Repo, World } from './model';
import { nodeId, ownerOf, simpleUser } from './shapes-accounts';

// REST representations of repositories and git data (minimal-repository, full-repository,
// content-file, blob, git-tree, git-commit, git-ref, commit, branch-with-protection, diff-entry).

export function repoUrls(base: string, r: Repo) {
  const u = `${base}/repos/${r.owner}/${r.name}`;
  return {
    url: u,
    html_url: `${base}/${r.owner}/${r.name}`,
    archive_url: `${u}/{archive_format}{/ref}`,
    assignees_url: `${u}/assignees{/user}`,
    blobs_url: `${u}/git/blobs{/sha}`,
    branches_url: `${u}/branches{/branch}`,
    collaborators_url: `${u}/collaborators{/collaborator}`,
    comments_url: `${u}/comments{/number}`,
    commits_url: `${u}/commits{/sha}`,
    compare_url: `${u}/compare/{base}...{head}`,
    contents_url: `${u}/contents/{+path}`,
    contributors_url: `${u}/contributors`,
    deployments_url: `${u}/deployments`,
    downloads_url: `${u}/downloads`,
    events_url: `${u}/events`,
    forks_url: `${u}/forks`,
    git_commits_url: `${u}/git/commits{/sha}`,
    git_refs_url: `${u}/git/refs{/sha}`,
    git_tags_url: `${u}/git/tags{/sha}`,
    hooks_url: `${u}/hooks`,
    issue_comment_url: `${u}/issues/comments{/number}`,
    issue_events_url: `${u}/issues/events{/number}`,
    issues_url: `${u}/issues{/number}`,
    keys_url: `${u}/keys{/key_id}`,
    labels_url: `${u}/labels{/name}`,
    languages_url: `${u}/languages`,
    merges_url: `${u}/merges`,
    milestones_url: `${u}/milestones{/number}`,
    notifications_url: `${u}/notifications{?since,all,participating}`,
    pulls_url: `${u}/pulls{/number}`,
    releases_url: `${u}/releases{/id}`,
    stargazers_url: `${u}/stargazers`,
    statuses_url: `${u}/statuses/{sha}`,
    subscribers_url: `${u}/subscribers`,
    subscription_url: `${u}/subscription`,
    tags_url: `${u}/tags`,
    teams_url: `${u}/teams`,
    trees_url: `${u}/git/trees{/sha}`,
    git_url: `${base.replace(/^https?/, 'git')}/${r.owner}/${r.name}.git`,
    ssh_url: `git@${new URL(base).host}:${r.owner}/${r.name}.git`,
    clone_url: `${base}/${r.owner}/${r.name}.git`,
    svn_url: `${base}/${r.owner}/${r.name}`,
  };
}

/** The repository fields both REST and webhooks share. */
export function repoCore(world: World, base: string, r: Repo) {
  return {
    id: r.id,
    node_id: nodeId('Repository', r.id),
    name: r.name,
    full_name: `${r.owner}/${r.name}`,
    private: r.visibility !== 'public',
    owner: ownerOf(world, base, r.owner),
    description: r.description,
    fork: r.fork,
    ...repoUrls(base, r),
    homepage: (r.settings.homepage as string | undefined) ?? null,
    mirror_url: null,
    language: null,
    forks_count: 0,
    forks: 0,
    stargazers_count: 0,
    watchers_count: 0,
    watchers: 0,
    size: 0,
    default_branch: r.defaultBranch,
    open_issues_count: r.pulls.filter((p) => p.state === 'open').length,
    open_issues: r.pulls.filter((p) => p.state === 'open').length,
    is_template: false,
    topics: r.topics,
    has_issues: r.settings.has_issues !== false,
    has_projects: r.settings.has_projects !== false,
    has_wiki: r.settings.has_wiki !== false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: r.archived,
    disabled: false,
    visibility: r.visibility,
    license: null,
    allow_forking: true,
    web_commit_signoff_required: false,
  };
}

const adminPermissions = { admin: true, maintain: true, push: true, triage: true, pull: true };

export function minimalRepository(world: World, base: string, r: Repo) {
  return {
    ...repoCore(world, base, r),
    pushed_at: r.pushedAt,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
    permissions: adminPermissions,
  };
}

export function fullRepository(world: World, base: string, r: Repo) {
  const acc = world.account(r.owner);
  return {
    ...minimalRepository(world, base, r),
    network_count: 0,
    subscribers_count: r.watchers.size,
    allow_merge_commit: r.settings.allow_merge_commit !== false,
    allow_squash_merge: r.settings.allow_squash_merge !== false,
    allow_rebase_merge: r.settings.allow_rebase_merge !== false,
    allow_auto_merge: r.settings.allow_auto_merge === true,
    delete_branch_on_merge: r.settings.delete_branch_on_merge === true,
    squash_merge_commit_title: (r.settings.squash_merge_commit_title as string | undefined) ?? 'COMMIT_OR_PR_TITLE',
    squash_merge_commit_message: (r.settings.squash_merge_commit_message as string | undefined) ?? 'COMMIT_MESSAGES',
    ...(acc?.kind === 'org'
      ? { organization: ownerOf(world, base, r.owner), custom_properties: (r.settings.custom_properties as object | undefined) ?? {} }
      : {}),
  };
}

export function gitUser(s: GitSignature) {
  return { name: s.name, email: s.email, date: s.date };
}

const unsigned = { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null };

export function gitCommit(base: string, r: Repo, sha: string) {
  const c = r.git.commit(sha)!.data;
  const u = `${base}/repos/${r.owner}/${r.name}`;
  return {
    sha,
    node_id: nodeId('Commit', parseInt(sha.slice(0, 8), 16)),
    url: `${u}/git/commits/${sha}`,
    html_url: `${base}/${r.owner}/${r.name}/commit/${sha}`,
    author: gitUser(c.author),
    committer: gitUser(c.committer),
    tree: { sha: c.tree, url: `${u}/git/trees/${c.tree}` },
    message: c.message,
    parents: c.parents.map((p) => ({ sha: p, url: `${u}/git/commits/${p}`, html_url: `${base}/${r.owner}/${r.name}/commit/${p}` })),
    verification: unsigned,
  };
}

/** GitHub links a commit's author to a user by e-mail. */
function userByEmail(world: World, base: string, email: string) {
  const u = [...world.users.values()].find((x) => x.email?.toLowerCase() === email.toLowerCase());
  return u ? simpleUser(base, u) : null;
}

export function restCommit(world: World, base: string, r: Repo, sha: string, files?: ReturnType<typeof diffEntries>) {
  const c = r.git.commit(sha)!.data;
  const u = `${base}/repos/${r.owner}/${r.name}`;
  const gc = gitCommit(base, r, sha);
  return {
    url: `${u}/commits/${sha}`,
    sha,
    node_id: gc.node_id,
    html_url: gc.html_url,
    comments_url: `${u}/commits/${sha}/comments`,
    commit: {
      url: gc.url,
      author: gc.author,
      committer: gc.committer,
      message: c.message,
      comment_count: 0,
      tree: gc.tree,
      verification: unsigned,
    },
    author: userByEmail(world, base, c.author.email),
    committer: userByEmail(world, base, c.committer.email),
    parents: c.parents.map((p) => ({ sha: p, url: `${u}/commits/${p}`, html_url: `${base}/${r.owner}/${r.name}/commit/${p}` })),
    ...(files ? { files, stats: statsOf(files) } : {}),
  };
}

function statsOf(files: { additions: number; deletions: number }[]) {
  const additions = files.reduce((n, f) => n + f.additions, 0);
  const deletions = files.reduce((n, f) => n + f.deletions, 0);
  return { additions, deletions, total: additions + deletions };
}

function lineCount(buf: Buffer | undefined): number {
  if (!buf || buf.length === 0) return 0;
  const text = buf.toString('utf8');
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Files changed between two trees, as compare and pull-request files list them. */
export function diffEntries(base: string, r: Repo, beforeTree: string | null, afterTree: string | null, ref: string) {
  const d = r.git.diffTrees(beforeTree, afterTree);
  const status = (p: string) => (d.added.includes(p) ? 'added' : d.removed.includes(p) ? 'removed' : 'modified');
  return [...d.shas]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([filename, [before, after]]) => {
      const oldLines = lineCount(before ? r.git.blob(before)?.content : undefined);
      const newLines = lineCount(after ? r.git.blob(after)?.content : undefined);
      const st = status(filename);
      // Line counts are whole-file (no real diff); enough for consumers that show counts.
      const additions = st === 'removed' ? 0 : newLines;
      const deletions = st === 'added' ? 0 : oldLines;
      const sha = after ?? before!;
      return {
        sha,
        filename,
        status: st,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: `${base}/${r.owner}/${r.name}/blob/${ref}/${filename}`,
        raw_url: `${base}/${r.owner}/${r.name}/raw/${ref}/${filename}`,
        contents_url: `${base}/repos/${r.owner}/${r.name}/contents/${filename}?ref=${ref}`,
      };
    });
}

export function gitRef(base: string, r: Repo, ref: string, sha: string) {
  return {
    ref,
    node_id: nodeId('Ref', r.id),
    url: `${base}/repos/${r.owner}/${r.name}/git/${ref}`,
    object: { type: 'commit', sha, url: `${base}/repos/${r.owner}/${r.name}/git/commits/${sha}` },
  };
}

export function contentItem(base: string, r: Repo, path: string, sha: string, type: 'file' | 'dir', ref: string) {
  const u = `${base}/repos/${r.owner}/${r.name}`;
  const html = `${base}/${r.owner}/${r.name}/${type === 'dir' ? 'tree' : 'blob'}/${ref}/${path}`;
  const git = `${u}/git/${type === 'dir' ? 'trees' : 'blobs'}/${sha}`;
  const self = `${u}/contents/${path}?ref=${ref}`;
  return {
    type,
    size: type === 'file' ? r.git.blob(sha)!.content.length : 0,
    name: path.split('/').pop()!,
    path,
    sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url: type === 'file' ? `${base}/${r.owner}/${r.name}/raw/${ref}/${path}` : null,
    _links: { self, git, html },
  };
}

/** Past this size GitHub's contents API gives a file's metadata only: content "" and encoding "none". */
export const CONTENTS_MAX_BYTES = 1024 * 1024;

export function contentFile(base: string, r: Repo, path: string, sha: string, ref: string) {
  const bytes = r.git.blob(sha)!.content;
  if (bytes.length > CONTENTS_MAX_BYTES) return { ...contentItem(base, r, path, sha, 'file', ref), content: '', encoding: 'none' };
  const content = bytes.toString('base64');
  // GitHub wraps base64 at 60 characters with "\n", so clients must strip whitespace.
  return { ...contentItem(base, r, path, sha, 'file', ref), content: content.replace(/(.{60})/g, '$1\n'), encoding: 'base64' };
}

/** GET /repos/{owner}/{repo}/branches' item (GitHub's short-branch). */
export function shortBranch(base: string, r: Repo, branch: string, sha: string) {
  const u = `${base}/repos/${r.owner}/${r.name}/branches/${branch}`;
  return {
    name: branch,
    commit: { sha, url: `${base}/repos/${r.owner}/${r.name}/commits/${sha}` },
    protected: r.protection.has(branch),
    protection_url: `${u}/protection`,
  };
}

export function branchWithProtection(world: World, base: string, r: Repo, branch: string, sha: string) {
  const u = `${base}/repos/${r.owner}/${r.name}/branches/${branch}`;
  const prot = r.protection.get(branch);
  return {
    name: branch,
    commit: restCommit(world, base, r, sha),
    _links: { self: u, html: `${base}/${r.owner}/${r.name}/tree/${branch}` },
    protected: Boolean(prot),
    protection: {
      enabled: Boolean(prot),
      required_status_checks: { enforcement_level: prot ? 'non_admins' : 'off', contexts: [], checks: [] },
    },
    protection_url: `${u}/protection`,
  };
}
