import { GitStore } from './git-objects';

// The stand-in's in-memory world. Plain data; mutations that GitHub would announce with a webhook
// live in state.ts so REST handlers and tests share one code path.

export interface User {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  avatarUrl: string;
  createdAt: string;
}

export type OrgRole = 'admin' | 'member';
export type TeamRole = 'member' | 'maintainer';

export interface Org {
  id: number;
  login: string;
  name: string | null;
  description: string | null;
  createdAt: string;
  members: Map<string, OrgRole>;
}

export interface Team {
  id: number;
  org: string;
  slug: string;
  name: string;
  description: string | null;
  parentSlug: string | null;
  privacy: 'closed' | 'secret';
  createdAt: string;
  updatedAt: string;
  members: Map<string, TeamRole>;
  /** Repositories the team has access to (`owner/name` lower-cased) and its permission. */
  repos: Map<string, TeamRepoPermission>;
}

export type TeamRepoPermission = 'pull' | 'triage' | 'push' | 'maintain' | 'admin';

export interface PullRequest {
  id: number;
  number: number;
  title: string;
  body: string | null;
  head: string;
  base: string;
  user: string;
  state: 'open' | 'closed';
  draft: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  mergedAt: string | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  /** Head SHA when merged or closed (the branch may move on afterwards). */
  headSha: string | null;
  /** Logins and team slugs asked for a review, and logins assigned (the pull request's issue). */
  requestedReviewers: string[];
  requestedTeams: string[];
  assignees: string[];
  /** Names of the labels on the pull request's issue. */
  labels: string[];
}

export interface CheckRun {
  id: number;
  headSha: string;
  name: string;
  status: 'queued' | 'in_progress' | 'completed' | 'waiting' | 'requested' | 'pending';
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  externalId: string | null;
  detailsUrl: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Every annotation sent with create and update (GitHub appends, never replaces). */
  annotations: CheckAnnotation[];
}

export interface CheckAnnotation {
  path: string;
  startLine: number;
  endLine: number;
  startColumn: number | null;
  endColumn: number | null;
  level: 'notice' | 'warning' | 'failure';
  title: string | null;
  message: string;
  rawDetails: string | null;
}

export interface Dispatch {
  workflowId: string;
  ref: string;
  inputs: Record<string, unknown>;
  at: string;
  by: string;
}

export interface WorkflowStep {
  name: string;
  number: number;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | null;
  startedAt: string | null;
  completedAt: string | null;
}

export interface WorkflowJob {
  id: number;
  name: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | null;
  startedAt: string;
  completedAt: string | null;
  steps: WorkflowStep[];
}

export interface WorkflowRun {
  id: number;
  runNumber: number;
  /** Workflow file path, e.g. .github/workflows/ci.yml. */
  path: string;
  name: string;
  workflowId: number;
  headBranch: string;
  headSha: string;
  event: string;
  status: 'queued' | 'in_progress' | 'completed';
  conclusion: 'success' | 'failure' | 'cancelled' | 'skipped' | 'timed_out' | null;
  createdAt: string;
  updatedAt: string;
  actor: string;
  jobs: WorkflowJob[];
}

export interface Repo {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  defaultBranch: string;
  archived: boolean;
  fork: boolean;
  topics: string[];
  visibility: 'public' | 'private' | 'internal';
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  git: GitStore;
  /** Full ref name ('refs/heads/main') → commit SHA. */
  refs: Map<string, string>;
  pulls: PullRequest[];
  checkRuns: CheckRun[];
  protection: Map<string, Record<string, unknown>>;
  dispatches: Dispatch[];
  /** GitHub Actions runs, oldest first. */
  workflowRuns: WorkflowRun[];
  hooks: RepoHook[];
  deployments: Deployment[];
  /** Outside collaborators by login: their permission, and whether they have only been invited. */
  collaborators: Map<string, { permission: TeamRepoPermission; invitationId: number | null }>;
  /** What the creation request set (has_wiki, allow_auto_merge, …, custom_properties), by REST field. */
  settings: Record<string, unknown>;
  /** GitHub Actions variables by name. */
  variables: Map<string, { value: string; createdAt: string; updatedAt: string }>;
  /** GitHub Actions secrets by name, as the stand-in decrypted them with the repository's key. */
  secrets: Map<string, { value: string; createdAt: string; updatedAt: string }>;
  /** The sealed-box key pair GitHub encrypts this repository's secrets with (made when first asked for). */
  secretKey: { keyId: string; publicKey: Uint8Array; privateKey: Uint8Array } | null;
  /** The OIDC subject claim template (PUT …/actions/oidc/customization/sub), once set. */
  oidcSubject: { use_default: boolean; include_claim_keys?: string[] } | null;
  /** Logins watching the repository. */
  watchers: Set<string>;
  /** Deployment environments by name (lower-cased). */
  environments: Map<string, Environment>;
  deployKeys: { id: number; title: string; key: string; readOnly: boolean; createdAt: string }[];
  autolinks: { id: number; keyPrefix: string; urlTemplate: string; isAlphanumeric: boolean }[];
  pages: { buildType: 'legacy' | 'workflow'; source: { branch: string; path: string } } | null;
  /** Issues that are not pull requests (the two share one sequence of numbers). */
  issues: Issue[];
  /** The repository's labels by lower-cased name. */
  labels: Map<string, { id: number; name: string; color: string; description: string | null }>;
}

export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  user: string;
  state: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
  assignees: string[];
  labels: string[];
}

export interface Environment {
  id: number;
  name: string;
  createdAt: string;
  updatedAt: string;
  waitTimer: number;
  preventSelfReview: boolean;
  reviewers: { type: 'User' | 'Team'; id: number }[];
  branchPolicy: { protected_branches: boolean; custom_branch_policies: boolean } | null;
  policies: { id: number; name: string; type: 'branch' | 'tag' }[];
  variables: Map<string, { value: string; createdAt: string; updatedAt: string }>;
  secrets: Map<string, { value: string; createdAt: string; updatedAt: string }>;
  secretKey: { keyId: string; publicKey: Uint8Array; privateKey: Uint8Array } | null;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  description: string | null;
  creator: string;
  createdAt: string;
  updatedAt: string;
  statuses: DeploymentStatus[];
}

export interface DeploymentStatus {
  id: number;
  state: 'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success';
  description: string;
  environment: string;
  targetUrl: string;
  creator: string;
  createdAt: string;
}

export interface RepoHook {
  id: number;
  events: string[];
  active: boolean;
  config: { url: string; content_type?: string; insecure_ssl?: string; secret?: string };
  createdAt: string;
}

/**
 * Why the stand-in refuses to create repositories in an org, as GitHub does: the App lacks
 * Administration: write ("Resource not accessible by integration"), or the org's member privileges
 * do not let the caller create repositories.
 */
export type RepoCreationRefusal = 'integration' | 'policy';

export interface Token {
  token: string;
  login: string;
  scopes: string[];
}

export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  /** When set, redirect_uri must start with it (GitHub matches the registered callback URL). */
  callbackUrl?: string;
}

export interface OAuthCode {
  code: string;
  clientId: string;
  login: string;
  redirectUri: string | null;
  scope: string;
  expiresAt: number;
}

export interface RateLimit {
  limit: number;
  remaining: number;
  /** Epoch seconds. */
  reset: number;
  windowSeconds: number;
  /** Status answered while exhausted: GitHub documents both 403 and 429. */
  exhaustedStatus: 403 | 429;
}

export interface SecondaryLimit {
  status: 403 | 429;
  /** Seconds, sent as `retry-after`. */
  retryAfter: number;
}

export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** When it was answered (epoch ms). */
  at: number;
}

export const REQUEST_LOG_SIZE = 1000;

export class World {
  private nextId = 1000;
  readonly users = new Map<string, User>();
  readonly orgs = new Map<string, Org>();
  /** key `${org}/${slug}` */
  readonly teams = new Map<string, Team>();
  /** key `${owner}/${name}` (lowercase) */
  readonly repos = new Map<string, Repo>();
  /**
   * Names a repository had before a rename or transfer (`${owner}/${name}`, lowercase) → its id:
   * GitHub redirects requests for them to /repositories/<id>/… (docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api#…redirects).
   */
  readonly formerRepoNames = new Map<string, number>();
  readonly tokens = new Map<string, Token>();
  readonly oauthApps = new Map<string, OAuthApp>();
  readonly oauthCodes = new Map<string, OAuthCode>();
  rateLimit: RateLimit = { limit: 5000, remaining: 5000, reset: 0, windowSeconds: 3600, exhaustedStatus: 403 };
  /** Forced responses for fault tests, consumed one per API request. */
  readonly faults: number[] = [];
  /**
   * Entries a recursive tree lists at most; past it GitHub answers the first ones with
   * `truncated: true` (100,000 entries or 7 MB: docs.github.com/rest/git/trees). Tests lower it.
   */
  treeEntryLimit = 100_000;
  /** Secondary rate limits to answer, consumed one per write (POST, PATCH, PUT, DELETE) request. */
  readonly secondaryLimits: SecondaryLimit[] = [];
  /** API requests answered (an encoded slash, as in refs, read as one), oldest first (the last REQUEST_LOG_SIZE). */
  readonly requestLog: LoggedRequest[] = [];
  /** Orgs whose repository creation is refused, and why. */
  readonly repoCreationRefusals = new Map<string, RepoCreationRefusal>();
  browserUser: string | null = null;

  /** The world's clock; tests move it to arrange events over weeks (created_at, deployment times). */
  constructor(public now: () => Date = () => new Date()) {}

  id(): number {
    return this.nextId++;
  }

  iso(): string {
    return this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
  }

  user(login: string): User | undefined {
    return this.users.get(login.toLowerCase());
  }

  org(login: string): Org | undefined {
    return this.orgs.get(login.toLowerCase());
  }

  team(org: string, slug: string): Team | undefined {
    return this.teams.get(`${org}/${slug}`.toLowerCase());
  }

  teamsOf(org: string): Team[] {
    return [...this.teams.values()].filter((t) => t.org.toLowerCase() === org.toLowerCase());
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  repoById(id: number): Repo | undefined {
    return [...this.repos.values()].find((r) => r.id === id);
  }

  reposOf(owner: string): Repo[] {
    return [...this.repos.values()].filter((r) => r.owner.toLowerCase() === owner.toLowerCase());
  }

  /** A repository owner is an org or a user; both have login and id. */
  account(login: string): { kind: 'org'; org: Org } | { kind: 'user'; user: User } | undefined {
    const org = this.org(login);
    if (org) return { kind: 'org', org };
    const user = this.user(login);
    return user ? { kind: 'user', user } : undefined;
  }

  /** Resolves a branch name, full ref, or (abbreviated) commit SHA to a commit SHA. */
  resolve(repo: Repo, ref: string): string | undefined {
    for (const candidate of [ref, `refs/heads/${ref}`, `refs/tags/${ref}`]) {
      const sha = repo.refs.get(candidate);
      if (sha) return sha;
    }
    if (/^[0-9a-f]{40}$/.test(ref)) return repo.git.commit(ref) ? ref : undefined;
    return undefined;
  }
}
