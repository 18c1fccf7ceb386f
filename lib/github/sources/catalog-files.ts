import 'server-only';
import { githubClient } from '../client';
import { explainGithubError } from '../errors';
import { blobUrl, integrationForUrl, parseGithubUrl } from '../integrations';

export type RepoCatalogFiles = { owner: string; repo: string; defaultBranch: string; files: string[] };

export class GithubReadError extends Error {
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/**
 * The files named `fileName` anywhere in a repository's default branch, as blob URLs (what
 * Backstage's GitHub location analyzer finds through code search; the git tree has no index lag).
 * Null when no configured integration serves the URL, or it names no repository.
 */
export async function findRepoCatalogFiles(url: string, fileName: string): Promise<RepoCatalogFiles | null> {
  const integration = integrationForUrl(url);
  if (!integration) return null;
  const parsed = parseGithubUrl(url, integration.webBaseUrl);
  if (!parsed || parsed.kind === 'org') return null;
  const { owner, repo } = parsed;
  const client = await githubClient(integration, { org: owner });
  try {
    const { data: info } = await client.rest.repos.get({ owner, repo });
    const defaultBranch = info.default_branch;
    const { data: tree } = await client.rest.git.getTree({ owner, repo, tree_sha: defaultBranch, recursive: 'true' });
    const files = tree.tree
      .filter((e) => e.type === 'blob' && e.path && (e.path === fileName || e.path.endsWith(`/${fileName}`)))
      .map((e) => blobUrl(integration.webBaseUrl, owner, repo, defaultBranch, e.path!))
      .sort();
    return { owner, repo, defaultBranch, files };
  } catch (err) {
    const status = (err as { status?: number }).status;
    if (status) throw new GithubReadError(explainGithubError(err, `${owner}/${repo}`), status);
    throw err;
  }
}
