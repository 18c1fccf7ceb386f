import 'server-only';
import { githubClient, type GitHubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { githubIntegrations, integrationForRepository } from '@/lib/github/integrations';
import { getPrisma } from '@/lib/db/client';
import type { RepoFacts } from './model/facts';

// Repository facts for the repository checks, read through the GitHub integration (its token or
// App, conditional requests) and cached in RepositoryFacts; webhooks refresh them.

const DEPENDENCY_BOTS = ['dependabot[bot]', 'renovate[bot]', 'dependabot-preview[bot]'];

export function canReadRepositories(): boolean {
  return githubIntegrations().length > 0;
}

/**
 * Reads the facts of `owner/name` and stores them. A failure keeps the last good facts and records
 * why; returns false when no integration serves the repository.
 */
export async function refreshRepositoryFacts(name: string, webUrl: string | null = null): Promise<boolean> {
  const integration = integrationForRepository(webUrl);
  if (!integration) return false;
  const [owner, repo] = name.split('/');
  const prisma = await getPrisma();
  const key = name.toLowerCase();
  try {
    const client = await githubClient(integration, { org: owner, retries: 1 });
    const { data: meta } = await client.rest.repos.get({ owner, repo });
    const facts = await readFacts(client, owner, repo, meta.default_branch);
    const row = { htmlUrl: meta.html_url, defaultBranch: meta.default_branch, facts, error: null, refreshedAt: new Date() };
    await prisma.repositoryFacts.upsert({ where: { repository: key }, create: { repository: key, ...row }, update: row });
  } catch (err) {
    const error = explainGithubError(err, `${integration.webBaseUrl}/${name}`).slice(0, 500);
    await prisma.repositoryFacts.upsert({
      where: { repository: key },
      create: {
        repository: key,
        htmlUrl: `${integration.webBaseUrl}/${name}`,
        defaultBranch: '',
        facts: {},
        error,
        refreshedAt: new Date(),
      },
      update: { error, refreshedAt: new Date() },
    });
  }
  return true;
}

async function readFacts(client: GitHubClient, owner: string, repo: string, branch: string): Promise<RepoFacts> {
  const list = async (path: string): Promise<{ name: string; type: string }[]> => {
    try {
      const { data } = await client.rest.repos.getContent({ owner, repo, path, ref: branch });
      return Array.isArray(data) ? data.map((e) => ({ name: e.name, type: e.type })) : [];
    } catch (err) {
      if ((err as { status?: number }).status === 404) return [];
      throw err;
    }
  };
  const [root, dotGithub, workflows, docs] = await Promise.all([list(''), list('.github'), list('.github/workflows'), list('docs')]);
  const has = (entries: { name: string; type: string }[], test: (n: string) => boolean, type = 'file') =>
    entries.some((e) => e.type === type && test(e.name));

  let branchProtected = false;
  let requiredReviews = 0;
  try {
    const { data } = await client.rest.repos.getBranchProtection({ owner, repo, branch });
    branchProtected = true;
    requiredReviews = data.required_pull_request_reviews?.required_approving_review_count ?? 0;
  } catch (err) {
    // 404: not protected. 403: the token may not read protection; counted as unknown → not protected.
    if (![403, 404].includes((err as { status?: number }).status ?? 0)) throw err;
  }
  const { data: runs } = await client.rest.actions.listWorkflowRunsForRepo({ owner, repo, branch, per_page: 1 });
  const latest = runs.workflow_runs[0];
  const { data: pulls } = await client.rest.pulls.list({ owner, repo, state: 'open', per_page: 100 });

  return {
    catalogInfoAtRoot: has(root, (n) => n === 'catalog-info.yaml'),
    codeowners: [root, dotGithub, docs].some((entries) => has(entries, (n) => n === 'CODEOWNERS')),
    readme: has(root, (n) => /^readme(\.[a-z]+)?$/i.test(n)),
    mkdocs: has(root, (n) => n === 'mkdocs.yml' || n === 'mkdocs.yaml'),
    docsFolder: has(root, (n) => n === 'docs', 'dir'),
    workflowFiles: workflows.filter((e) => e.type === 'file' && /\.ya?ml$/.test(e.name)).map((e) => `.github/workflows/${e.name}`),
    latestRun: latest
      ? {
          name: latest.name ?? latest.path,
          status: latest.status ?? 'unknown',
          conclusion: latest.conclusion ?? null,
          url: latest.html_url,
          at: latest.updated_at,
        }
      : null,
    branchProtected,
    requiredReviews,
    dependencyPrs: pulls
      .filter((p) => DEPENDENCY_BOTS.includes(p.user?.login ?? ''))
      .map((p) => ({ number: p.number, title: p.title, url: p.html_url, createdAt: p.created_at })),
  };
}
