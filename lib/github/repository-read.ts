import 'server-only';
import { githubClient, type GitHubClient } from './client';
import { explainGithubError } from './errors';
import { integrationForRepository } from './integrations';

// Live reads of one repository for the entity page's tabs (CI/CD, Pull requests): the client of the
// integration serving it, and a failure turned into a message that says what to fix.

export type RepositoryRef = { name: string; webUrl: string | null };
export type Read<T> = { ok: true; value: T } | { ok: false; error: string };

/** The repository's page on GitHub, from its integration (no request). */
export function repositoryWebUrl(repository: RepositoryRef): string | null {
  const integration = integrationForRepository(repository.webUrl);
  return integration ? `${integration.webBaseUrl}/${repository.name}` : null;
}

/** Runs `read` with a client for the repository's integration; a failure is a message that says what to fix (of `runId`, when given). */
export async function withRepository<T>(
  repository: RepositoryRef,
  read: (client: GitHubClient, owner: string, repo: string) => Promise<T>,
  runId?: number,
): Promise<Read<T>> {
  const integration = integrationForRepository(repository.webUrl);
  if (!integration)
    return {
      ok: false,
      error: `no GitHub integration is configured to read ${repository.name}: an admin adds one under integrations.github in wayfinder.config.yaml`,
    };
  const [owner, repo] = repository.name.split('/') as [string, string];
  const what = `the repository ${integration.webBaseUrl}/${repository.name}`;
  try {
    const client = await githubClient(integration, { org: owner, retries: 1 });
    return { ok: true, value: await read(client, owner, repo) };
  } catch (err) {
    // GitHub's answer (or no answer: Octokit gives a network failure a status too) is a value; any
    // other error is a bug, and throws.
    if (typeof (err as { status?: unknown }).status !== 'number') throw err;
    return { ok: false, error: explainGithubError(err, runId ? `run ${runId} of ${what}` : what) };
  }
}
