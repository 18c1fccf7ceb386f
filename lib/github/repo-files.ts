import 'server-only';
import { getLogger } from '@/lib/observability/logger';
import { githubClient, type GitHubClient } from './client';
import { explainGithubError } from './errors';
import { integrationForUrl, parseGithubUrl, withoutTrailingSlashes, type ResolvedIntegration } from './integrations';

// Files of a repository, for every domain that reads or proposes them (catalog descriptors, docs
// sources, template skeletons, ownership edits): by web URL, through the integration that serves
// it. GitHub's refusals come back as a GithubRequestError whose message says what to fix; each
// caller turns it into its own kind of error.

export class GithubRequestError extends Error {
  constructor(
    message: string,
    /** GitHub's HTTP status; undefined when the request never reached GitHub (e.g. a malformed URL). */
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/** Runs a GitHub call, turning an HTTP failure into a GithubRequestError about `what`. */
async function request<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status && !(err instanceof GithubRequestError)) throw new GithubRequestError(explainGithubError(err, what), status);
    throw err;
  }
}

export type RepoFileRef = { owner: string; repo: string; ref: string; path: string };
export type RepoFile = RepoFileRef & { text: string; sha: string; size: number };

/** A file at a ref, through a client the caller already holds (the contents API, conditional requests). */
export async function readRepoFileAt(client: GitHubClient, file: RepoFileRef, maxBytes = Infinity): Promise<RepoFile> {
  const what = `${file.owner}/${file.repo}/${file.path}@${file.ref}`;
  return request(what, async () => {
    const { data } = await client.rest.repos.getContent({ owner: file.owner, repo: file.repo, path: file.path, ref: file.ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) throw new GithubRequestError(`${what} is not a file`, 404);
    if (data.size > maxBytes) throw new GithubRequestError(`${what} is ${data.size} bytes; the limit is ${maxBytes} bytes`, undefined);
    // Past 1 MB the contents API sends no content (encoding "none"): the blob API sends it (to 100 MB).
    const content =
      data.encoding === 'none' && data.size > 0
        ? (await client.rest.git.getBlob({ owner: file.owner, repo: file.repo, file_sha: data.sha })).data.content
        : data.content;
    return { ...file, text: Buffer.from(content, 'base64').toString('utf8'), sha: data.sha, size: data.size };
  });
}

/**
 * The file of a blob URL (`…/<owner>/<repo>/blob/<ref>/<path>`), as Backstage's GitHub URL reader
 * reads it. Null when no configured integration serves the URL.
 */
export async function readRepoFile(url: string, options: { maxBytes?: number } = {}): Promise<RepoFile | null> {
  const integration = integrationForUrl(url);
  if (!integration) return null;
  const parsed = parseGithubUrl(url, integration.webBaseUrl);
  if (!parsed || parsed.kind !== 'blob')
    throw new GithubRequestError(
      `${url} is not a GitHub file URL (expected ${integration.webBaseUrl}/<owner>/<repo>/blob/<branch>/<path>, no part "." or ".." and no %2F)`,
      undefined,
    );
  const client = await githubClient(integration, { org: parsed.owner });
  return readRepoFileAt(client, parsed, options.maxBytes);
}

export type TreeFile = {
  /** Path relative to the folder the URL names (a file URL: the file's own name). */
  path: string;
  /** Path in the repository. */
  repoPath: string;
  sha: string;
  size: number;
  /** Git file mode: 100644 file, 100755 executable, 120000 symlink. */
  mode: string;
};

export type RepoTree = {
  integration: ResolvedIntegration;
  owner: string;
  repo: string;
  ref: string;
  /** The folder (or file) the URL names, relative to the repository root; '' for the root. */
  prefix: string;
  files: TreeFile[];
  /** Contents of one of `files`. */
  read(file: TreeFile): Promise<Buffer>;
};

/**
 * The files under a folder of a repository in one request (the recursive git tree, which has no
 * index lag): `…/tree/<ref>/<path>`, a file's `…/blob/<ref>/<path>` (that file alone, or the folder
 * of that name), or a repository URL (its default branch). Contents are read on demand. Null when
 * no configured integration serves the URL.
 */
export async function listRepoTree(url: string, options: { token?: string } = {}): Promise<RepoTree | null> {
  const configured = integrationForUrl(url);
  if (!configured) return null;
  // A token given (a template's own, fetch:*'s `token`) replaces the integration's credentials.
  const integration = options.token ? { ...configured, token: options.token, app: undefined } : configured;
  const parsed = parseGithubUrl(url, integration.webBaseUrl);
  if (!parsed || parsed.kind === 'org') {
    throw new GithubRequestError(
      `${url} is not a GitHub repository, folder or file URL (expected ${integration.webBaseUrl}/<owner>/<repo>/tree/<branch>/<path>, no part "." or ".." and no %2F)`,
      undefined,
    );
  }
  const { owner, repo } = parsed;
  const client = await request(`${owner}/${repo}`, () => githubClient(integration, { org: owner }));
  const ref =
    parsed.kind === 'repo'
      ? (await request(`${owner}/${repo}`, () => client.rest.repos.get({ owner, repo }))).data.default_branch
      : parsed.ref;
  const prefix = parsed.kind === 'repo' ? '' : withoutTrailingSlashes(parsed.path).replace(/^\.\/?/, '');
  const treeOf = async (sha: string, recursive: boolean) =>
    (
      await request(`${owner}/${repo}`, () =>
        client.rest.git.getTree({ owner, repo, tree_sha: sha, ...(recursive ? { recursive: 'true' } : {}) }),
      )
    ).data;
  let data = await treeOf(ref, true);
  // Where the tree `data` lists lies in the repository ('' for the root).
  let base = '';
  if (data.truncated && prefix) {
    // GitHub lists at most 100,000 entries (7 MB) of a tree: past that, the folder's own tree,
    // found one level at a time (docs.github.com/rest/git/trees).
    let folder = { sha: ref, path: '' };
    for (const name of prefix.split('/')) {
      const entry = (await treeOf(folder.sha, false)).tree.find((e) => e.path === name && e.type === 'tree' && e.sha);
      if (!entry) break;
      folder = { sha: entry.sha!, path: folder.path ? `${folder.path}/${name}` : name };
    }
    if (folder.path) [data, base] = [await treeOf(folder.sha, true), folder.path];
  }
  // Part of a folder would read as files removed from it (docs pages, template files): never that.
  if (data.truncated)
    throw new GithubRequestError(
      `${owner}/${repo}${prefix ? `/${prefix}` : ''} holds more files than GitHub lists in one tree (100,000 entries or 7 MB); point at a smaller folder of the repository`,
      undefined,
    );
  const files: TreeFile[] = [];
  for (const e of data.tree) {
    if (e.type !== 'blob' || !e.path || !e.sha) continue;
    const repoPath = base ? `${base}/${e.path}` : e.path;
    const inside = !prefix || repoPath === prefix || repoPath.startsWith(`${prefix}/`);
    if (!inside) continue;
    const path =
      repoPath === prefix ? repoPath.slice(repoPath.lastIndexOf('/') + 1) : prefix ? repoPath.slice(prefix.length + 1) : repoPath;
    files.push({ path, repoPath, sha: e.sha, size: e.size ?? 0, mode: e.mode ?? '100644' });
  }
  return {
    integration,
    owner,
    repo,
    ref,
    prefix,
    files,
    async read(file) {
      const { data: blob } = await request(`${owner}/${repo}/${file.repoPath}`, () =>
        client.rest.git.getBlob({ owner, repo, file_sha: file.sha }),
      );
      return Buffer.from(blob.content, blob.encoding === 'base64' ? 'base64' : 'utf8');
    },
  };
}

export type PullRequestProposal = {
  owner: string;
  repo: string;
  /** The branch the pull request merges into; the new branch starts at its head. */
  base: string;
  /** Name of the branch to create for the change. */
  branch: string;
  path: string;
  content: string;
  /**
   * Blob SHA of the file the change replaces: GitHub refuses (409) when the file changed since.
   * Undefined adds a new file (GitHub refuses with 422 when one is there by then).
   */
  sha: string | undefined;
  /** Commit message. */
  message: string;
  title: string;
  body: string;
};

export type OpenedPullRequest = { number: number; url: string; branch: string; repository: string };

/**
 * Proposes a one-file change as a pull request: creates `branch` from the base branch's head,
 * commits the file on it and opens the pull request. A branch left behind by a failure is deleted
 * again. A 409 (the file changed meanwhile) keeps its status on the GithubRequestError.
 */
export async function openPullRequest(integration: ResolvedIntegration, proposal: PullRequestProposal): Promise<OpenedPullRequest> {
  const repo = { owner: proposal.owner, repo: proposal.repo };
  const repository = `${proposal.owner}/${proposal.repo}`;
  const client = await githubClient(integration, { org: proposal.owner });
  let created = false;
  try {
    return await request(repository, async () => {
      const { data: base } = await client.rest.git.getRef({ ...repo, ref: `heads/${proposal.base}` });
      await client.rest.git.createRef({ ...repo, ref: `refs/heads/${proposal.branch}`, sha: base.object.sha });
      created = true;
      await client.rest.repos.createOrUpdateFileContents({
        ...repo,
        path: proposal.path,
        branch: proposal.branch,
        sha: proposal.sha,
        message: proposal.message,
        content: Buffer.from(proposal.content, 'utf8').toString('base64'),
      });
      const { data: pr } = await client.rest.pulls.create({
        ...repo,
        title: proposal.title,
        head: proposal.branch,
        base: proposal.base,
        body: proposal.body,
      });
      return { number: pr.number, url: pr.html_url, branch: proposal.branch, repository };
    });
  } catch (err) {
    if (created) {
      await client.rest.git.deleteRef({ ...repo, ref: `heads/${proposal.branch}` }).catch((cleanup: unknown) => {
        getLogger().warn({ err: cleanup, branch: proposal.branch }, 'could not delete the branch of a failed pull request');
      });
    }
    throw err;
  }
}
