import 'server-only';
import type { Entity } from '../model';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { integrationForUrl, parseGithubUrl } from '@/lib/github/integrations';

// github-org: an organisation's teams become Groups (parent team → parent group, slug → name) and
// its members Users (login → name, with memberOf and the github.com/user-login annotation that
// sign-in resolves by). Team maintainers are returned as leads of their Group.

/** A team maintainer as the lead of the team's Group; `team` is `org/slug` (lower case). */
export type OrgLead = { group: string; user: string; team: string };

export type OrgRead = {
  /** The organisation's login (lower case); null when it could not be read. */
  org: string | null;
  entities: Entity[];
  leads: OrgLead[];
  failures: { file: string; message: string }[];
};

const API_VERSION = 'backstage.io/v1alpha1';

export async function readGithubOrg(target: string): Promise<OrgRead> {
  const integration = integrationForUrl(target);
  const fail = (message: string): OrgRead => ({ org: null, entities: [], leads: [], failures: [{ file: target, message }] });
  if (!integration) return fail(`no GitHub integration serves ${target}; add it under integrations.github`);
  const parsed = parseGithubUrl(target, integration.webBaseUrl);
  if (parsed?.kind !== 'org') return fail(`${target} is not a GitHub organisation URL (expected ${integration.webBaseUrl}/<org>)`);
  const org = parsed.org;
  try {
    const client = await githubClient(integration, { org });
    const teams = await client.paginate(client.rest.teams.list, { org, per_page: 100 });
    const orgMembers = await client.paginate(client.rest.orgs.listMembers, { org, per_page: 100 });
    const memberOf = new Map<string, Set<string>>(orgMembers.map((m) => [m.login, new Set<string>()]));
    const leads: OrgRead['leads'] = [];
    const groups: Entity[] = [];
    for (const team of teams) {
      const members = await client.paginate(client.rest.teams.listMembersInOrg, { org, team_slug: team.slug, per_page: 100 });
      const maintainers = await client.paginate(client.rest.teams.listMembersInOrg, {
        org,
        team_slug: team.slug,
        role: 'maintainer',
        per_page: 100,
      });
      for (const m of members) (memberOf.get(m.login) ?? memberOf.set(m.login, new Set()).get(m.login)!).add(team.slug);
      for (const m of maintainers)
        leads.push({
          group: `group:default/${team.slug.toLowerCase()}`,
          user: `user:default/${m.login.toLowerCase()}`,
          team: `${org}/${team.slug}`.toLowerCase(),
        });
      groups.push({
        apiVersion: API_VERSION,
        kind: 'Group',
        metadata: {
          name: team.slug,
          ...(team.description ? { description: team.description } : {}),
          annotations: { 'github.com/team-slug': `${org}/${team.slug}` },
        },
        spec: {
          type: 'team',
          profile: { displayName: team.name },
          ...(team.parent ? { parent: team.parent.slug } : {}),
          children: teams.filter((t) => t.parent?.slug === team.slug).map((t) => t.slug),
        },
      });
    }
    const users: Entity[] = [];
    for (const login of [...memberOf.keys()].sort()) {
      const { data: user } = await client.rest.users.getByUsername({ username: login });
      users.push({
        apiVersion: API_VERSION,
        kind: 'User',
        metadata: { name: login, annotations: { 'github.com/user-login': login } },
        spec: {
          profile: { displayName: user.name ?? login, ...(user.email ? { email: user.email } : {}), picture: user.avatar_url },
          memberOf: [...memberOf.get(login)!].sort(),
        },
      });
    }
    return { org: org.toLowerCase(), entities: [...groups, ...users], leads, failures: [] };
  } catch (err) {
    return fail(explainGithubError(err, `the teams and members of ${org}`));
  }
}
