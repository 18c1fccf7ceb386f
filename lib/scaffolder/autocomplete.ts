import 'server-only';
import { z } from 'zod';
import { AppError } from '@/lib/errors';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { githubIntegrations } from '@/lib/github/integrations';

// Backstage's scaffolder autocomplete (POST /api/scaffolder/v2/autocomplete/:provider/:resource,
// @backstage/plugin-scaffolder-backend-module-github): the choices RepoOwnerPicker and
// RepoBranchPicker offer, read from GitHub with the integration's credentials (the ones a run acts
// with) or the token the request gives. Typing any other value stays possible in the form.

export const AUTOCOMPLETE_RESOURCES = ['owners', 'branches'] as const;
/** At most this many choices: ten of GitHub's pages of 100. */
export const MAX_CHOICES = 1000;

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;

export const autocompleteBodySchema = z.object({
  token: z.string().optional().describe('A GitHub token to use instead of the integration'),
  context: z.record(z.string(), z.string()).default({}),
});

export type AutocompleteResult = { results: { id: string; title?: string }[] };

export async function autocomplete(
  provider: string,
  resource: string,
  { token, context }: z.infer<typeof autocompleteBodySchema>,
): Promise<AutocompleteResult> {
  if (provider !== 'github') throw new AppError('BAD_REQUEST', `Invalid provider: ${provider}; Wayfinder completes github only`);
  if (!(AUTOCOMPLETE_RESOURCES as readonly string[]).includes(resource))
    throw new AppError('BAD_REQUEST', `Invalid resource: ${resource}; github offers ${AUTOCOMPLETE_RESOURCES.join(' and ')}`);
  const host = context.host || 'github.com';
  const integration = githubIntegrations().find((g) => g.host === host);
  if (!integration)
    throw new AppError(
      'BAD_REQUEST',
      `no GitHub integration is configured for the host ${host}: an admin adds one under integrations.github`,
    );
  // A token in the request replaces the integration's credentials, as the actions' `token` input does.
  const credentials = token ? { ...integration, token, app: undefined } : integration;
  if (resource === 'owners') {
    if (!credentials.token)
      throw new AppError(
        'UNAVAILABLE',
        `the organisations are listed for a token integration only; ${host} uses a GitHub App: type the owner`,
      );
    const client = await githubClient(credentials, { retries: 1 });
    const orgs = await read(`the organisations of ${host}'s token`, () => pages(client.rest.orgs.listForAuthenticatedUser, {}));
    return { results: orgs.map((o) => ({ id: o.login })) };
  }
  const { owner, repository } = context;
  if (!owner || !repository)
    throw new AppError('BAD_REQUEST', 'context.owner and context.repository name the repository whose branches to list');
  // Each goes into an API path (/repos/{owner}/{repo}/branches), where "." and ".." would be
  // resolved into another endpoint: only what GitHub allows in an account or repository name.
  if (!GITHUB_OWNER.test(owner))
    throw new AppError('BAD_REQUEST', `context.owner "${owner.slice(0, 100)}" is not a GitHub account name (letters, digits and dashes)`);
  if (!GITHUB_REPO.test(repository) || repository === '.' || repository === '..')
    throw new AppError(
      'BAD_REQUEST',
      `context.repository "${repository.slice(0, 100)}" is not a GitHub repository name (letters, digits, ., - and _)`,
    );
  const branches = await read(`the repository ${owner}/${repository}`, async () => {
    const client = await githubClient(credentials, { org: owner, retries: 1 });
    return pages(client.rest.repos.listBranches, { owner, repo: repository });
  });
  return { results: branches.map((b) => ({ id: b.name })) };
}

/** Up to MAX_CHOICES items of a GitHub list, a page of 100 at a time. */
async function pages<P extends object, T>(
  list: (params: P & { per_page: number; page: number }) => Promise<{ data: T[] }>,
  params: P,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < MAX_CHOICES; page++) {
    const { data } = await list({ ...params, per_page: 100, page });
    out.push(...data);
    if (data.length < 100) break;
  }
  return out.slice(0, MAX_CHOICES);
}

async function read<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const status = (err as { status?: number }).status;
    throw new AppError(status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', explainGithubError(err, what));
  }
}
