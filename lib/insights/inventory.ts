import 'server-only';
import { getDb } from '@/lib/db/client';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { integrationForUrl, parseGithubUrl } from '@/lib/github/integrations';
import { getLogger } from '@/lib/observability/logger';
import { markUnlistedDeleted, upsertRepository } from './mutations';

// The repository inventory behind catalog coverage: every repository of the organisations the
// catalog discovers (github-discovery and github-org locations), with the teams that can reach
// it. The org listing refreshes it on the reconciliation interval; repository webhooks keep it
// current in between.

/** `<web base>/<org>` (lower-cased) of every organisation a discovery or org-sync location reads. */
export async function discoveredOrgs(): Promise<string[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ target: string }>(`SELECT target FROM "Location" WHERE type IN ('github-discovery', 'github-org')`);
  const orgs = new Set<string>();
  for (const { target } of rows) {
    const integration = integrationForUrl(target);
    const parsed = integration && URL.canParse(target) ? parseGithubUrl(target.split('?')[0]!, integration.webBaseUrl) : null;
    const org = parsed && 'owner' in parsed ? parsed.owner : parsed && 'org' in parsed ? parsed.org : null;
    if (integration && org) orgs.add(`${integration.webBaseUrl}/${org}`.toLowerCase());
  }
  return [...orgs];
}

/** Lists each discovered organisation's repositories and each team's repositories into the inventory. */
export async function syncRepositoryInventory(): Promise<{ repositories: number; failures: string[] }> {
  const failures: string[] = [];
  let repositories = 0;
  for (const orgUrl of await discoveredOrgs()) {
    const integration = integrationForUrl(orgUrl)!;
    const org = orgUrl.slice(integration.webBaseUrl.length + 1);
    try {
      const client = await githubClient(integration, { org });
      const repos = await client.paginate(client.rest.repos.listForOrg, { org, per_page: 100, type: 'all' });
      const teamsOf = new Map<string, string[]>();
      for (const team of await client.paginate(client.rest.teams.list, { org, per_page: 100 })) {
        for (const repo of await client.paginate(client.rest.teams.listReposInOrg, { org, team_slug: team.slug, per_page: 100 })) {
          const key = repo.full_name.toLowerCase();
          teamsOf.set(key, [...(teamsOf.get(key) ?? []), `group:default/${team.slug.toLowerCase()}`]);
        }
      }
      for (const repo of repos) {
        await upsertRepository({
          owner: repo.owner.login,
          name: repo.name,
          htmlUrl: repo.html_url,
          defaultBranch: repo.default_branch ?? 'main',
          archived: repo.archived ?? false,
          fork: repo.fork,
          topics: repo.topics ?? [],
          createdAt: new Date(repo.created_at ?? Date.now()),
          teams: (teamsOf.get(repo.full_name.toLowerCase()) ?? []).sort(),
        });
        repositories++;
      }
      await markUnlistedDeleted(
        orgUrl,
        repos.map((r) => r.html_url),
      );
    } catch (err) {
      const message = explainGithubError(err, `the repositories of ${orgUrl}`);
      failures.push(message);
      getLogger().warn({ org: orgUrl, err }, 'repository inventory: listing failed');
    }
  }
  return { repositories, failures };
}
