import type { Org, Team, User, World } from './model';

// REST representations of users, orgs and teams, per GitHub's OpenAPI description
// (components/schemas: simple-user, private-user, public-user, organization-full, team, team-full).

export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

function accountUrls(base: string, login: string, id: number, type: 'User' | 'Organization', avatarUrl: string) {
  const u = `${base}/users/${login}`;
  return {
    login,
    id,
    node_id: nodeId(type, id),
    avatar_url: avatarUrl,
    gravatar_id: '',
    url: u,
    html_url: `${base}/${login}`,
    followers_url: `${u}/followers`,
    following_url: `${u}/following{/other_user}`,
    gists_url: `${u}/gists{/gist_id}`,
    starred_url: `${u}/starred{/owner}{/repo}`,
    subscriptions_url: `${u}/subscriptions`,
    organizations_url: `${u}/orgs`,
    repos_url: `${u}/repos`,
    events_url: `${u}/events{/privacy}`,
    received_events_url: `${u}/received_events`,
    type,
    user_view_type: 'public',
    site_admin: false,
  };
}

export function orgAvatar(base: string, id: number): string {
  return `${base}/avatars/u/${id}?v=4`;
}

export function simpleUser(base: string, u: User) {
  return accountUrls(base, u.login, u.id, 'User', u.avatarUrl);
}

/** An org in the simple-user shape (a repository's `owner`). */
export function orgAsOwner(base: string, o: Org) {
  return accountUrls(base, o.login, o.id, 'Organization', orgAvatar(base, o.id));
}

export function ownerOf(world: World, base: string, login: string) {
  const acc = world.account(login);
  if (!acc) throw new Error(`unknown account ${login}`);
  return acc.kind === 'org' ? orgAsOwner(base, acc.org) : simpleUser(base, acc.user);
}

/** GET /users/{login} for an org answers in the public-user shape with type Organization. */
export function orgAsPublicUser(world: World, base: string, o: Org) {
  return publicUser(
    world,
    base,
    { id: o.id, login: o.login, name: o.name, email: null, avatarUrl: orgAvatar(base, o.id), createdAt: o.createdAt },
    'Organization',
  );
}

export function publicUser(world: World, base: string, u: User, type: 'User' | 'Organization' = 'User') {
  return {
    ...accountUrls(base, u.login, u.id, type, u.avatarUrl),
    name: u.name,
    company: null,
    blog: '',
    location: null,
    email: u.email,
    hireable: null,
    bio: null,
    twitter_username: null,
    public_repos: world.reposOf(u.login).filter((r) => r.visibility === 'public').length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: u.createdAt,
    updated_at: u.createdAt,
  };
}

export function privateUser(world: World, base: string, u: User) {
  const owned = world.reposOf(u.login);
  return {
    ...publicUser(world, base, u),
    private_gists: 0,
    total_private_repos: owned.filter((r) => r.visibility !== 'public').length,
    owned_private_repos: owned.filter((r) => r.visibility !== 'public').length,
    disk_usage: 0,
    collaborators: 0,
    two_factor_authentication: true,
  };
}

export function orgSimple(base: string, o: Org) {
  const u = `${base}/orgs/${o.login}`;
  return {
    login: o.login,
    id: o.id,
    node_id: nodeId('Organization', o.id),
    url: u,
    repos_url: `${u}/repos`,
    events_url: `${u}/events`,
    hooks_url: `${u}/hooks`,
    issues_url: `${u}/issues`,
    members_url: `${u}/members{/member}`,
    public_members_url: `${u}/public_members{/member}`,
    avatar_url: orgAvatar(base, o.id),
    description: o.description,
  };
}

export function orgFull(world: World, base: string, o: Org) {
  return {
    ...orgSimple(base, o),
    name: o.name,
    // company, blog, location and email are typed non-null strings in organization-full: omitted when unset.
    is_verified: false,
    has_organization_projects: true,
    has_repository_projects: true,
    public_repos: world.reposOf(o.login).filter((r) => r.visibility === 'public').length,
    public_gists: 0,
    followers: 0,
    following: 0,
    html_url: `${base}/${o.login}`,
    type: 'Organization',
    created_at: o.createdAt,
    updated_at: o.createdAt,
    archived_at: null,
  };
}

export function teamSimple(base: string, t: Team) {
  const u = `${base}/orgs/${t.org}/teams/${t.slug}`;
  return {
    id: t.id,
    node_id: nodeId('Team', t.id),
    url: u,
    html_url: `${base}/orgs/${t.org}/teams/${t.slug}`,
    name: t.name,
    slug: t.slug,
    description: t.description,
    privacy: t.privacy,
    notification_setting: 'notifications_enabled',
    permission: 'pull',
    members_url: `${u}/members{/member}`,
    repositories_url: `${u}/repos`,
    type: 'organization',
    organization_id: undefined as number | undefined,
  };
}

export function team(world: World, base: string, t: Team) {
  const parent = t.parentSlug ? world.team(t.org, t.parentSlug) : undefined;
  const org = world.org(t.org);
  return { ...teamSimple(base, t), organization_id: org?.id, parent: parent ? teamSimple(base, parent) : null };
}

export function teamFull(world: World, base: string, t: Team) {
  const org = world.org(t.org)!;
  return {
    ...team(world, base, t),
    members_count: t.members.size,
    repos_count: 0,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    organization: orgFull(world, base, org),
  };
}
