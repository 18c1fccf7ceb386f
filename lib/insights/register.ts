import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/permissions';
import { recordAudit } from '@/lib/auth/audit';
import { getDb } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { integrationForUrl } from '@/lib/github/integrations';
import { GithubRequestError, openPullRequest, type OpenedPullRequest } from '@/lib/github/repo-files';
import { catalogInfoYaml, CODEOWNERS_PATHS, ownerCandidates, wholeRepoOwners } from './model/register';
import { listRepositoryFacts, type RepositoryFacts } from './queries/repositories';
import { knownGroups } from './queries/scope';

// Register an unregistered repository: propose catalog-info.yaml in a pull request (the ownership
// edit's code path), the owner guessed from CODEOWNERS or the teams with access and confirmed by
// the person first. Merging it brings the repository into the catalog through discovery.

export type RegisterProposal = {
  repository: string;
  fullName: string;
  /** Known Groups named by CODEOWNERS, then the teams with access, best first. */
  candidates: { ref: string; title: string }[];
  description: string | null;
};

async function unregisteredRepository(url: string): Promise<RepositoryFacts> {
  const [repo] = await listRepositoryFacts({ url });
  if (!repo) throw new AppError('NOT_FOUND', `${url} is not a repository of a discovered organisation`);
  if (repo.registeredAt) throw new AppError('CONFLICT', `${repo.owner}/${repo.name} already has a catalog entity`);
  if (repo.archived) throw new AppError('UNPROCESSABLE', `${repo.owner}/${repo.name} is archived; archived repositories are not counted`);
  return repo;
}

function integrationOf(repo: RepositoryFacts) {
  const integration = integrationForUrl(repo.htmlUrl);
  if (!integration) throw new AppError('UNAVAILABLE', `no GitHub integration serves ${repo.htmlUrl}; add it under integrations.github`);
  return integration;
}

export async function proposeRegistration(url: string): Promise<RegisterProposal> {
  const repo = await unregisteredRepository(url);
  const integration = integrationOf(repo);
  const client = await githubClient(integration, { org: repo.owner });
  let codeowners: string[] = [];
  let description: string | null = null;
  try {
    description = (await client.rest.repos.get({ owner: repo.owner, repo: repo.name })).data.description ?? null;
    for (const path of CODEOWNERS_PATHS) {
      const text = await client.rest.repos
        .getContent({ owner: repo.owner, repo: repo.name, path, mediaType: { format: 'raw' } })
        .then((r) => String(r.data))
        .catch((err: { status?: number }) => (err.status === 404 ? null : Promise.reject(err)));
      if (text !== null) {
        codeowners = wholeRepoOwners(text);
        break;
      }
    }
  } catch (err) {
    throw new AppError('UNAVAILABLE', explainGithubError(err, `${repo.owner}/${repo.name}`));
  }
  const named = ownerCandidates({ codeowners, teamsWithAccess: repo.teams });
  const known = await knownGroups(named);
  const candidates = named.filter((ref) => known.has(ref)).map((ref) => ({ ref, title: known.get(ref)! }));
  return { repository: repo.url, fullName: `${repo.owner}/${repo.name}`, candidates, description };
}

/** Opens the pull request adding catalog-info.yaml with the confirmed owner. */
export async function openRegistrationPullRequest(url: string, ownerRef: string, actor: Actor): Promise<OpenedPullRequest> {
  const repo = await unregisteredRepository(url);
  const { driver } = await getDb();
  const group = await driver.query(`SELECT 1 FROM "Entity" WHERE ref = $1 AND kind = 'Group'`, [ownerRef.toLowerCase()]);
  if (group.rows.length === 0)
    throw new AppError('UNPROCESSABLE', `${ownerRef} is not a Group in the catalog; choose the team that owns ${repo.owner}/${repo.name}`);
  const integration = integrationOf(repo);
  const { data } = await (
    await githubClient(integration, { org: repo.owner })
  ).rest.repos
    .get({ owner: repo.owner, repo: repo.name })
    .catch((err: unknown) => {
      throw new AppError('UNAVAILABLE', explainGithubError(err, `${repo.owner}/${repo.name}`));
    });
  const title = `Register ${repo.name} in the software catalog`;
  const pr = await openPullRequest(integration, {
    owner: repo.owner,
    repo: repo.name,
    base: data.default_branch,
    branch: `wayfinder/register-${repo.name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}-${randomUUID().slice(0, 8)}`,
    path: 'catalog-info.yaml',
    sha: undefined,
    content: catalogInfoYaml({
      owner: repo.owner,
      name: repo.name,
      description: data.description ?? null,
      ownerRef: ownerRef.toLowerCase(),
    }),
    title,
    message: `${title}\n\nRequested by ${actor.name} in Wayfinder.`,
    body: [
      `Requested by **${actor.name}** in Wayfinder: this repository has no catalog entity yet.`,
      '',
      `Adds \`catalog-info.yaml\` describing it as a Component owned by \`${ownerRef.toLowerCase()}\`. Change what is wrong before merging; merging registers it within seconds.`,
    ].join('\n'),
  }).catch((err: unknown) => {
    if (!(err instanceof GithubRequestError)) throw err;
    // 422: the file appeared since the page was loaded (GitHub wants its sha to replace it).
    if (err.status === 422)
      throw new AppError('CONFLICT', `catalog-info.yaml already exists in ${repo.owner}/${repo.name}; reload and try again`);
    throw new AppError('UNAVAILABLE', err.message);
  });
  await recordAudit(actor, {
    action: 'insights.register',
    target: `${repo.owner}/${repo.name}`,
    details: { owner: ownerRef.toLowerCase(), pullRequest: pr.url },
  });
  return pr;
}
