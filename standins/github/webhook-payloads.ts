import type { Org, Repo, Team, User, World } from './model';
import { orgSimple, simpleUser, teamSimple } from './shapes-accounts';
import { pullRequest } from './shapes-pulls';
import { repoCore } from './shapes-repos';
import type { PullRequest } from './model';

// Webhook payload parts, per @octokit/openapi-webhooks (components/schemas/webhook-*).

export const ZERO_SHA = '0000000000000000000000000000000000000000';

/** repository-webhooks; push events carry created_at/pushed_at as epoch seconds, as GitHub does. */
export function webhookRepository(world: World, base: string, r: Repo, epochTimes = false) {
  const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const acc = world.account(r.owner);
  return {
    ...repoCore(world, base, r),
    created_at: epochTimes ? epoch(r.createdAt) : r.createdAt,
    updated_at: r.updatedAt,
    pushed_at: epochTimes ? epoch(r.pushedAt) : r.pushedAt,
    stargazers: 0,
    ...(epochTimes ? { master_branch: r.defaultBranch, ...(acc?.kind === 'org' ? { organization: r.owner } : {}) } : {}),
  };
}

/** `organization` is present when the repository or team belongs to an org. */
export function orgPart(world: World, base: string, owner: string): { organization?: ReturnType<typeof orgSimple> } {
  const org = world.org(owner);
  return org ? { organization: orgSimple(base, org) } : {};
}

export function repositoryEvent(world: World, base: string, r: Repo, sender: User, action: string, extra: Record<string, unknown> = {}) {
  return {
    action,
    ...extra,
    repository: webhookRepository(world, base, r),
    ...orgPart(world, base, r.owner),
    sender: simpleUser(base, sender),
  };
}

export function pushEvent(world: World, base: string, r: Repo, ref: string, before: string, after: string, pusher: User) {
  const commitShas = after === ZERO_SHA ? [] : before === ZERO_SHA ? [after] : r.git.commitsBetween(before, after);
  const commits = commitShas.map((sha) => {
    const c = r.git.commit(sha)!.data;
    const parentTree = c.parents[0] ? (r.git.commit(c.parents[0])?.data.tree ?? null) : null;
    const d = r.git.diffTrees(parentTree, c.tree);
    const person = (s: { name: string; email: string; date: string }) => {
      const u = [...world.users.values()].find((x) => x.email?.toLowerCase() === s.email.toLowerCase());
      return { name: s.name, email: s.email, date: s.date, ...(u ? { username: u.login } : {}) };
    };
    return {
      id: sha,
      tree_id: c.tree,
      distinct: true,
      message: c.message,
      timestamp: c.committer.date,
      url: `${base}/${r.owner}/${r.name}/commit/${sha}`,
      author: person(c.author),
      committer: person(c.committer),
      added: d.added,
      removed: d.removed,
      modified: d.modified,
    };
  });
  return {
    ref,
    before,
    after,
    repository: webhookRepository(world, base, r, true),
    pusher: { name: pusher.login, email: pusher.email },
    ...orgPart(world, base, r.owner),
    sender: simpleUser(base, pusher),
    created: before === ZERO_SHA,
    deleted: after === ZERO_SHA,
    forced: before !== ZERO_SHA && after !== ZERO_SHA && !r.git.isAncestor(before, after),
    base_ref: null,
    compare: `${base}/${r.owner}/${r.name}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits,
    head_commit: commits[commits.length - 1] ?? null,
  };
}

export function pullRequestEvent(
  world: World,
  base: string,
  r: Repo,
  pr: PullRequest,
  sender: User,
  action: string,
  extra: Record<string, unknown> = {},
) {
  return {
    action,
    number: pr.number,
    ...extra,
    pull_request: {
      ...pullRequest(world, base, r, pr),
      allow_auto_merge: false,
      allow_update_branch: false,
      delete_branch_on_merge: false,
      merge_commit_message: 'PR_TITLE',
      merge_commit_title: 'MERGE_MESSAGE',
      squash_merge_commit_message: 'COMMIT_MESSAGES',
      squash_merge_commit_title: 'COMMIT_OR_PR_TITLE',
      use_squash_pr_title_as_default: false,
    },
    repository: webhookRepository(world, base, r),
    ...orgPart(world, base, r.owner),
    sender: simpleUser(base, sender),
  };
}

export function webhookTeam(world: World, base: string, t: Team) {
  const parent = t.parentSlug ? world.team(t.org, t.parentSlug) : undefined;
  const org = world.org(t.org);
  const { organization_id: _ignored, ...simple } = teamSimple(base, t);
  void _ignored;
  return {
    ...simple,
    ...(org ? { organization_id: org.id } : {}),
    parent: parent
      ? {
          id: parent.id,
          node_id: simple.node_id,
          url: teamSimple(base, parent).url,
          html_url: teamSimple(base, parent).html_url,
          name: parent.name,
          slug: parent.slug,
          description: parent.description,
          privacy: parent.privacy,
          notification_setting: 'notifications_enabled',
          permission: 'pull',
          members_url: teamSimple(base, parent).members_url,
          repositories_url: teamSimple(base, parent).repositories_url,
          type: 'organization',
          ...(org ? { organization_id: org.id } : {}),
        }
      : null,
  };
}

export function teamEvent(
  world: World,
  base: string,
  org: Org,
  t: Team,
  sender: User,
  action: string,
  extra: Record<string, unknown> = {},
) {
  return { action, ...extra, team: webhookTeam(world, base, t), organization: orgSimple(base, org), sender: simpleUser(base, sender) };
}

export function membershipEvent(world: World, base: string, org: Org, t: Team, member: User, sender: User, action: 'added' | 'removed') {
  return {
    action,
    scope: 'team',
    member: simpleUser(base, member),
    team: webhookTeam(world, base, t),
    organization: orgSimple(base, org),
    sender: simpleUser(base, sender),
  };
}

export function organizationMemberEvent(
  base: string,
  org: Org,
  member: User,
  role: string,
  sender: User,
  action: 'member_added' | 'member_removed',
) {
  return {
    action,
    membership: {
      url: `${base}/orgs/${org.login}/memberships/${member.login}`,
      state: 'active',
      role,
      organization_url: `${base}/orgs/${org.login}`,
      user: simpleUser(base, member),
    },
    organization: orgSimple(base, org),
    sender: simpleUser(base, sender),
  };
}

export function pingEvent(base: string, hookId: number, url: string, org: Org | undefined, sender: User | undefined, createdAt: string) {
  return {
    zen: 'Keep it logically awesome.',
    hook_id: hookId,
    hook: {
      type: 'Organization',
      id: hookId,
      name: 'web',
      active: true,
      events: ['*'],
      config: { content_type: 'json', insecure_ssl: '0', url },
      updated_at: createdAt,
      created_at: createdAt,
      url: `${base}/orgs/${org?.login ?? 'acme'}/hooks/${hookId}`,
      ping_url: `${base}/orgs/${org?.login ?? 'acme'}/hooks/${hookId}/pings`,
      deliveries_url: `${base}/orgs/${org?.login ?? 'acme'}/hooks/${hookId}/deliveries`,
    },
    ...(org ? { organization: orgSimple(base, org) } : {}),
    ...(sender ? { sender: simpleUser(base, sender) } : {}),
  };
}
