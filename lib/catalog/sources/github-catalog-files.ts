import 'server-only';
import { blobUrl, integrationForUrl, parseGithubUrl } from '@/lib/github/integrations';
import { listRepoTree } from '@/lib/github/repo-files';

export type RepoCatalogFiles = { owner: string; repo: string; defaultBranch: string; files: string[] };

/**
 * The files named `fileName` anywhere in a repository's default branch, as blob URLs (what
 * Backstage's GitHub location analyzer finds through code search; the git tree has no index lag).
 * Null when no configured integration serves the URL, or it names no repository. GitHub's
 * refusals are thrown as GithubRequestError.
 */
export async function findRepoCatalogFiles(url: string, fileName: string): Promise<RepoCatalogFiles | null> {
  const integration = integrationForUrl(url);
  const parsed = integration && parseGithubUrl(url, integration.webBaseUrl);
  if (!integration || !parsed || parsed.kind === 'org') return null;
  const tree = await listRepoTree(`${integration.webBaseUrl}/${parsed.owner}/${parsed.repo}`);
  if (!tree) return null;
  const files = tree.files
    .filter((f) => f.path === fileName || f.path.endsWith(`/${fileName}`))
    .map((f) => blobUrl(integration.webBaseUrl, tree.owner, tree.repo, tree.ref, f.repoPath))
    .sort();
  return { owner: tree.owner, repo: tree.repo, defaultBranch: tree.ref, files };
}
