import { randomBytes } from 'node:crypto';
import { createDeployment, createDeploymentStatus } from './deployments';
import type {
  DeploymentStatus,
  LoggedRequest,
  Org,
  OrgRole,
  Repo,
  Team,
  TeamRepoPermission,
  TeamRole,
  Token,
  User,
  WorkflowRun,
} from './model';
import { World } from './model';
import type { CommitFilesInput, CreateRepoInput, Ctx } from './repo-ops';
import { commitFiles, createRepo, recordWorkflowRun, requireRepo, setBranchProtection, type WorkflowRunInput } from './repo-ops';
import { orgAvatar, orgSimple } from './shapes-accounts';
import { membershipEvent, organizationMemberEvent, pingEvent, repositoryEvent, teamEvent } from './webhook-payloads';
import type { Delivery, WebhookConfig } from './webhooks';
import { WebhookSender } from './webhooks';

// The typed state API tests use to arrange GitHub's side of a scenario. Every mutation GitHub
// would announce sends the same webhook as it would (when a hook is configured).

export class StandInState {
  readonly world: World;
  readonly hooks: WebhookSender;
  readonly ctx: Ctx;
  /** Acting user for webhooks caused through this API (GitHub's `sender`); defaults to the first user. */
  actor: string | null = null;

  constructor(base: () => string, webhook: WebhookConfig | null) {
    this.world = new World();
    this.hooks = new WebhookSender(webhook);
    this.ctx = { world: this.world, hooks: this.hooks, base };
  }

  private sender(login?: string): User {
    const u = this.world.user(login ?? this.actor ?? '') ?? this.world.users.values().next().value;
    if (!u) throw new Error('add a user first: webhooks need a sender');
    return u;
  }

  // ── accounts ────────────────────────────────────────────────────────────────

  addUser(input: { login: string; name?: string | null; email?: string | null }): User {
    const id = this.world.id();
    const user: User = {
      id,
      login: input.login,
      name: input.name ?? null,
      email: input.email ?? null,
      avatarUrl: orgAvatar(this.ctx.base(), id),
      createdAt: this.world.iso(),
    };
    this.world.users.set(input.login.toLowerCase(), user);
    return user;
  }

  addOrg(input: { login: string; name?: string | null; description?: string | null }): Org {
    const org: Org = {
      id: this.world.id(),
      login: input.login,
      name: input.name ?? null,
      description: input.description ?? null,
      createdAt: this.world.iso(),
      members: new Map(),
    };
    this.world.orgs.set(input.login.toLowerCase(), org);
    return org;
  }

  addOrgMember(org: string, login: string, role: OrgRole = 'member', sender?: string): void {
    const o = this.mustOrg(org);
    const u = this.mustUser(login);
    o.members.set(u.login, role);
    this.hooks.emit('organization', organizationMemberEvent(this.ctx.base(), o, u, role, this.sender(sender), 'member_added'));
  }

  removeOrgMember(org: string, login: string, sender?: string): void {
    const o = this.mustOrg(org);
    const u = this.mustUser(login);
    const role = o.members.get(u.login) ?? 'member';
    o.members.delete(u.login);
    for (const t of this.world.teamsOf(org)) t.members.delete(u.login);
    this.hooks.emit('organization', organizationMemberEvent(this.ctx.base(), o, u, role, this.sender(sender), 'member_removed'));
  }

  addTeam(
    org: string,
    input: { name: string; slug?: string; description?: string | null; parent?: string | null; privacy?: Team['privacy'] },
    sender?: string,
  ): Team {
    const o = this.mustOrg(org);
    const slug =
      input.slug ??
      input.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
    const now = this.world.iso();
    const team: Team = {
      id: this.world.id(),
      org: o.login,
      slug,
      name: input.name,
      description: input.description ?? null,
      parentSlug: input.parent ?? null,
      privacy: input.privacy ?? 'closed',
      createdAt: now,
      updatedAt: now,
      members: new Map(),
      repos: new Map(),
    };
    this.world.teams.set(`${o.login}/${slug}`.toLowerCase(), team);
    this.hooks.emit('team', teamEvent(this.world, this.ctx.base(), o, team, this.sender(sender), 'created'));
    return team;
  }

  editTeam(
    org: string,
    slug: string,
    patch: { name?: string; description?: string | null; parent?: string | null },
    sender?: string,
  ): Team {
    const o = this.mustOrg(org);
    const t = this.mustTeam(org, slug);
    const changes: Record<string, { from: unknown }> = {};
    if (patch.name !== undefined && patch.name !== t.name) changes.name = { from: t.name };
    if (patch.description !== undefined && patch.description !== t.description) changes.description = { from: t.description ?? '' };
    Object.assign(t, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.parent !== undefined ? { parentSlug: patch.parent } : {}),
      updatedAt: this.world.iso(),
    });
    this.hooks.emit('team', teamEvent(this.world, this.ctx.base(), o, t, this.sender(sender), 'edited', { changes }));
    return t;
  }

  deleteTeam(org: string, slug: string, sender?: string): void {
    const o = this.mustOrg(org);
    const t = this.mustTeam(org, slug);
    const payload = teamEvent(this.world, this.ctx.base(), o, t, this.sender(sender), 'deleted');
    this.world.teams.delete(`${o.login}/${t.slug}`.toLowerCase());
    for (const child of this.world.teamsOf(org)) if (child.parentSlug === t.slug) child.parentSlug = null;
    this.hooks.emit('team', payload);
  }

  addTeamMember(org: string, slug: string, login: string, role: TeamRole = 'member', sender?: string): void {
    const o = this.mustOrg(org);
    const t = this.mustTeam(org, slug);
    const u = this.mustUser(login);
    t.members.set(u.login, role);
    this.hooks.emit('membership', membershipEvent(this.world, this.ctx.base(), o, t, u, this.sender(sender), 'added'));
  }

  removeTeamMember(org: string, slug: string, login: string, sender?: string): void {
    const o = this.mustOrg(org);
    const t = this.mustTeam(org, slug);
    const u = this.mustUser(login);
    t.members.delete(u.login);
    this.hooks.emit('membership', membershipEvent(this.world, this.ctx.base(), o, t, u, this.sender(sender), 'removed'));
  }

  // ── repositories ───────────────────────────────────────────────────────────

  createRepo(owner: string, input: CreateRepoInput, sender?: string): Repo {
    return createRepo(this.ctx, owner, input, this.sender(sender));
  }

  repo(owner: string, name: string): Repo {
    return requireRepo(this.world, owner, name);
  }

  /** Commits files to a branch and sends `push`: the way to simulate a developer pushing. */
  commitFiles(fullName: string, input: CommitFilesInput, sender?: string): string {
    const [owner, name] = fullName.split('/') as [string, string];
    return commitFiles(this.ctx, this.repo(owner, name), input, this.sender(sender));
  }

  /** A file's content at a ref (default branch when omitted), or undefined. */
  readFile(fullName: string, path: string, ref?: string): string | undefined {
    const [owner, name] = fullName.split('/') as [string, string];
    const r = this.repo(owner, name);
    const sha = this.world.resolve(r, ref ?? r.defaultBranch);
    const file = sha ? r.git.flatten(r.git.commit(sha)!.data.tree).get(path) : undefined;
    return file ? r.git.blob(file.sha)?.content.toString('utf8') : undefined;
  }

  /** Gives a team access to a repository (GitHub: the repository's Collaborators and teams). */
  grantTeamRepo(org: string, slug: string, fullName: string, permission: TeamRepoPermission = 'push'): void {
    const r = this.repo(...(fullName.split('/') as [string, string]));
    this.mustTeam(org, slug).repos.set(`${r.owner}/${r.name}`.toLowerCase(), permission);
  }

  /** Deploys a ref (default branch) and reports `state`: sends `deployment_status`. */
  deploy(fullName: string, input: { state: DeploymentStatus['state']; environment?: string; ref?: string }, sender?: string): number {
    const r = this.repo(...(fullName.split('/') as [string, string]));
    const actor = this.sender(sender);
    const d = createDeployment(this.ctx, r, { ref: input.ref ?? r.defaultBranch, environment: input.environment }, actor);
    createDeploymentStatus(this.ctx, r, d, { state: input.state }, actor);
    return d.id;
  }

  /** Protects a branch (the REST protection body; null removes it) and sends `branch_protection_rule`. */
  protectBranch(fullName: string, branch: string, body: Record<string, unknown> | null, sender?: string): void {
    setBranchProtection(this.ctx, this.repo(...(fullName.split('/') as [string, string])), branch, body, this.sender(sender));
  }

  /** A GitHub Actions run of `path` on a branch (default: the default branch), completed unless said; sends `workflow_run`. */
  recordWorkflowRun(fullName: string, input: WorkflowRunInput, sender?: string): WorkflowRun {
    return recordWorkflowRun(this.ctx, this.repo(...(fullName.split('/') as [string, string])), input, this.sender(sender));
  }

  archiveRepo(fullName: string, sender?: string): void {
    const r = this.repo(...(fullName.split('/') as [string, string]));
    r.archived = true;
    this.hooks.emit('repository', repositoryEvent(this.world, this.ctx.base(), r, this.sender(sender), 'archived'));
  }

  renameRepo(fullName: string, newName: string, sender?: string): void {
    const r = this.repo(...(fullName.split('/') as [string, string]));
    const from = r.name;
    this.world.repos.delete(`${r.owner}/${r.name}`.toLowerCase());
    this.world.formerRepoNames.set(`${r.owner}/${r.name}`.toLowerCase(), r.id);
    r.name = newName;
    this.world.repos.set(`${r.owner}/${r.name}`.toLowerCase(), r);
    this.hooks.emit(
      'repository',
      repositoryEvent(this.world, this.ctx.base(), r, this.sender(sender), 'renamed', { changes: { repository: { name: { from } } } }),
    );
  }

  transferRepo(fullName: string, newOwner: string, sender?: string): void {
    const r = this.repo(...(fullName.split('/') as [string, string]));
    const from = this.world.account(r.owner);
    const to = this.world.account(newOwner);
    if (!from || !to) throw new Error(`unknown account ${newOwner}`);
    this.world.repos.delete(`${r.owner}/${r.name}`.toLowerCase());
    this.world.formerRepoNames.set(`${r.owner}/${r.name}`.toLowerCase(), r.id);
    r.owner = to.kind === 'org' ? to.org.login : to.user.login;
    this.world.repos.set(`${r.owner}/${r.name}`.toLowerCase(), r);
    const base = this.ctx.base();
    const fromOwner =
      from.kind === 'org'
        ? { organization: { ...orgSimple(base, from.org), html_url: `${base}/${from.org.login}` } }
        : { user: { login: from.user.login, id: from.user.id } };
    this.hooks.emit(
      'repository',
      repositoryEvent(this.world, base, r, this.sender(sender), 'transferred', { changes: { owner: { from: fromOwner } } }),
    );
  }

  deleteRepo(fullName: string, sender?: string): void {
    const r = this.repo(...(fullName.split('/') as [string, string]));
    const payload = repositoryEvent(this.world, this.ctx.base(), r, this.sender(sender), 'deleted');
    this.world.repos.delete(`${r.owner}/${r.name}`.toLowerCase());
    this.hooks.emit('repository', payload);
  }

  // ── tokens, OAuth, limits and faults ───────────────────────────────────────

  issueToken(login: string, scopes: string[] = ['repo', 'read:org', 'user:email'], token?: string): string {
    const value = token ?? `gho_${randomBytes(18).toString('base64url')}`;
    this.mustUser(login);
    this.world.tokens.set(value, { token: value, login, scopes } satisfies Token);
    return value;
  }

  revokeToken(token: string): void {
    this.world.tokens.delete(token);
  }

  registerOAuthApp(app: { clientId: string; clientSecret: string; callbackUrl?: string }): void {
    this.world.oauthApps.set(app.clientId, app);
  }

  /** The user the authorize page approves for when no `login` is given (a "signed-in browser"). */
  setBrowserUser(login: string | null): void {
    this.world.browserUser = login;
  }

  /**
   * Sets the primary rate limit. The window resets at a whole epoch second (`x-ratelimit-reset`), at
   * least `resetInSeconds` from now: rounding down would end a one-second window at once late in a second.
   */
  setRateLimit(patch: { limit?: number; remaining?: number; resetInSeconds?: number; exhaustedStatus?: 403 | 429 }): void {
    const rl = this.world.rateLimit;
    if (patch.limit !== undefined) rl.limit = patch.limit;
    rl.remaining = patch.remaining ?? rl.limit;
    rl.reset = Math.ceil(Date.now() / 1000) + (patch.resetInSeconds ?? rl.windowSeconds);
    if (patch.exhaustedStatus) rl.exhaustedStatus = patch.exhaustedStatus;
  }

  /** Refuses repository creation in `org` as GitHub would (null allows it again). */
  refuseRepoCreation(org: string, reason: 'integration' | 'policy' | null): void {
    if (reason) this.world.repoCreationRefusals.set(org.toLowerCase(), reason);
    else this.world.repoCreationRefusals.delete(org.toLowerCase());
  }

  /** The next `count` API requests answer `status` (e.g. 500, 502) instead of their response. */
  failNext(count: number, status = 500): void {
    for (let i = 0; i < count; i++) this.world.faults.push(status);
  }

  /**
   * The next `count` write requests (POST, PATCH, PUT, DELETE) answer GitHub's secondary rate limit:
   * `status` (GitHub documents 403 and 429) with `retry-after` seconds.
   */
  secondaryRateLimitNext(count: number, limit: { status?: 403 | 429; retryAfter?: number } = {}): void {
    for (let i = 0; i < count; i++) this.world.secondaryLimits.push({ status: limit.status ?? 403, retryAfter: limit.retryAfter ?? 1 });
  }

  /** API requests answered so far (method, path, status), oldest first. */
  get requests(): readonly LoggedRequest[] {
    return this.world.requestLog;
  }

  // ── webhooks ───────────────────────────────────────────────────────────────

  get deliveries(): readonly Delivery[] {
    return this.hooks.deliveries;
  }

  /** Points the hook somewhere (or disables it with null); a new hook gets a `ping`, as on GitHub. */
  setWebhook(config: WebhookConfig | null, org = 'acme'): void {
    this.hooks.config = config;
    if (config)
      this.hooks.emit(
        'ping',
        pingEvent(
          this.ctx.base(),
          this.hooks.hookId,
          config.url,
          this.world.org(org),
          this.world.users.values().next().value,
          this.world.iso(),
        ),
      );
  }

  flushWebhooks(): Promise<void> {
    return this.hooks.flush();
  }

  redeliver(id: string): Delivery {
    return this.hooks.redeliver(id);
  }

  private mustUser(login: string): User {
    const u = this.world.user(login);
    if (!u) throw new Error(`unknown user ${login}`);
    return u;
  }

  private mustOrg(login: string): Org {
    const o = this.world.org(login);
    if (!o) throw new Error(`unknown org ${login}`);
    return o;
  }

  private mustTeam(org: string, slug: string): Team {
    const t = this.world.team(org, slug);
    if (!t) throw new Error(`unknown team ${org}/${slug}`);
    return t;
  }
}
