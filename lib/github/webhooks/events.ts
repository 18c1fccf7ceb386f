import type {
  BranchProtectionRuleEvent,
  DeploymentStatusEvent,
  InstallationEvent,
  InstallationRepositoriesEvent,
  MembershipEvent,
  OrganizationEvent,
  PingEvent,
  PullRequestEvent,
  PushEvent,
  RepositoryEvent,
  TeamEvent,
  WorkflowRunEvent,
} from '@octokit/webhooks-types';
import { z } from 'zod';

// The webhook events Wayfinder reads, each checked at run time for exactly the fields subscribers
// read (https://docs.github.com/en/webhooks/webhook-events-and-payloads). Parsing keeps only those
// fields, so a subscriber can read nothing unchecked; the checks at the end of this file prove at
// compile time that each schema agrees with GitHub's own payload type (@octokit/webhooks-types).
// To read a further field or event, add it here first.

const account = z.object({ login: z.string().min(1) });
const repository = z.object({
  html_url: z.url(),
  name: z.string().min(1),
  owner: account,
  default_branch: z.string().min(1),
});
// What adoption insights keep of a repository (its inventory row). Times are ISO text, except in
// push payloads (epoch seconds).
const repositoryFacts = repository.extend({
  archived: z.boolean(),
  fork: z.boolean(),
  topics: z.array(z.string()).optional(),
  created_at: z.union([z.string(), z.number()]),
});
const sender = z.object({ html_url: z.url() });
const commitFiles = z.object({ added: z.array(z.string()), modified: z.array(z.string()), removed: z.array(z.string()) });
// The accounts a payload names, from which the organisation it is about is found (orgUrlOf).
const about = { repository: repository.optional(), organization: account.optional(), sender: sender.optional() };

const schemas = {
  push: z.object({
    ...about,
    repository,
    ref: z.string(),
    after: z.string(),
    deleted: z.boolean(),
    commits: z.array(commitFiles),
    head_commit: commitFiles.nullable(),
  }),
  repository: z.object({
    ...about,
    repository: repositoryFacts,
    action: z.string(),
    // Loose: other actions report other changes (edited: description, topics, …).
    changes: z
      .looseObject({
        repository: z.object({ name: z.object({ from: z.string() }).optional() }).optional(),
        owner: z.object({ from: z.object({ user: account.optional(), organization: account.optional() }) }).optional(),
      })
      .optional(),
  }),
  branch_protection_rule: z.object({ ...about, repository, action: z.string() }),
  deployment_status: z.object({
    ...about,
    repository: repositoryFacts,
    deployment_status: z.object({ state: z.string(), created_at: z.string() }),
  }),
  workflow_run: z.object({
    ...about,
    repository: repositoryFacts,
    action: z.string(),
    // The published examples include runs without a path.
    workflow_run: z.object({
      name: z.string().nullable(),
      path: z.string().optional(),
      head_branch: z.string().nullable(),
      conclusion: z.string().nullable(),
      updated_at: z.string(),
    }),
  }),
  pull_request: z.object({
    ...about,
    repository,
    action: z.string(),
    before: z.string().optional(),
    after: z.string().optional(),
    pull_request: z.object({
      number: z.number().int(),
      head: z.object({ sha: z.string().min(1) }),
      merged: z.boolean().nullable().optional(),
    }),
  }),
  organization: z.object({ ...about, organization: account }),
  membership: z.object({ ...about, organization: account }),
  team: z.object({ ...about, organization: account }),
  installation: z.object({ ...about, installation: z.object({ account }) }),
  installation_repositories: z.object({ ...about, installation: z.object({ account }) }),
  // Nothing is read from a ping (GitHub's hello when a webhook is created); `zen` only gives the
  // schema a field in common with GitHub's type, which TypeScript requires of an all-optional type.
  ping: z.object({ zen: z.string().optional() }),
} as const;

export type WebhookEventName = keyof typeof schemas;
export type WebhookEvent<E extends WebhookEventName> = z.infer<(typeof schemas)[E]>;
export const WEBHOOK_EVENT_NAMES = Object.keys(schemas) as WebhookEventName[];

export function isWebhookEventName(name: string): name is WebhookEventName {
  return Object.hasOwn(schemas, name);
}

export type ParsedEvent<E extends WebhookEventName> = { ok: true; payload: WebhookEvent<E> } | { ok: false; error: string };

/**
 * Checks a payload against its event's schema. A refusal names each bad field by its path, e.g.
 * "push payload: repository.html_url: expected string, received undefined".
 */
export function parseWebhookEvent<E extends WebhookEventName>(event: E, payload: unknown): ParsedEvent<E> {
  const result = schemas[event].safeParse(payload);
  if (result.success) return { ok: true, payload: result.data as WebhookEvent<E> };
  const problems = result.error.issues.map(
    (i) => `${i.path.length ? i.path.join('.') : '(payload)'}: ${i.message.replace(/^Invalid input: /, '')}`,
  );
  return { ok: false, error: `${event} payload: ${problems.join('; ')}` };
}

/** A delivery as it is queued: its id, and an event with its checked payload. */
export type WebhookDelivery = { [E in WebhookEventName]: { deliveryId: string; event: E; payload: WebhookEvent<E> } }[WebhookEventName];

// One variant per event, built from the table above; zod cannot type a union built in a loop.
const [first, ...rest] = WEBHOOK_EVENT_NAMES.map((event) =>
  z.object({ deliveryId: z.string().min(1), event: z.literal(event), payload: schemas[event] }),
);
export const webhookDeliverySchema = z.discriminatedUnion('event', [first, ...rest]) as unknown as z.ZodType<WebhookDelivery>;

// What payloads tell about the repository and organisation they concern.

export type RepoRef = { htmlUrl: string; owner: string; name: string; defaultBranch: string };

export function repoOf(payload: { repository?: z.infer<typeof repository> }): RepoRef | null {
  const repo = payload.repository;
  if (!repo) return null;
  return { htmlUrl: repo.html_url.replace(/\/$/, ''), owner: repo.owner.login, name: repo.name, defaultBranch: repo.default_branch };
}

/**
 * What follows `<repository>/blob/` in a location target (`main/catalog-info.yaml`), or null when
 * the target is not a file of that repository. GitHub's owner and repository names are
 * case-insensitive (a target written `…/Acme/Orders/…` is the repository a delivery names
 * `acme/orders`); the branch and path are not. Compared here, not in SQL: Prisma's `startsWith` is
 * LIKE, where the `_` of a repository name matches any character.
 */
export function filePathInRepo(target: string, htmlUrl: string): string | null {
  const prefix = `${htmlUrl}/blob/`;
  return target.slice(0, prefix.length).toLowerCase() === prefix.toLowerCase() ? target.slice(prefix.length) : null;
}

/** Web URL of the organisation (or user) account a payload is about. */
export function orgUrlOf(payload: {
  organization?: { login: string };
  installation?: { account: { login: string } };
  repository?: z.infer<typeof repository>;
  sender?: { html_url: string };
}): string | null {
  const org = payload.organization?.login ?? payload.installation?.account.login ?? payload.repository?.owner.login;
  const html = payload.repository?.html_url ?? payload.sender?.html_url;
  if (!org || !html) return null;
  return `${new URL(html).origin}/${org}`;
}

/** The branch a push updated and the files its commits touched; null for tags and deleted branches. */
export function pushedChanges(push: WebhookEvent<'push'>): { branch: string; added: Set<string>; changed: Set<string> } | null {
  if (!push.ref.startsWith('refs/heads/') || push.deleted) return null;
  const commits = [...push.commits, ...(push.head_commit ? [push.head_commit] : [])];
  const added = new Set(commits.flatMap((c) => c.added));
  const changed = new Set([...added, ...commits.flatMap((c) => [...c.modified, ...c.removed])]);
  return { branch: push.ref.slice('refs/heads/'.length), added, changed };
}

// Each schema accepts every payload GitHub's own type describes (it checks a subset of its fields):
// `tsc` fails here when a schema asks for a field GitHub does not promise, or of another type.
type Agrees<Github, E extends WebhookEventName> = [Github] extends [WebhookEvent<E>] ? true : false;
type Holds<T extends true> = T;
export type SchemasAgreeWithGithub = Holds<
  | Agrees<PushEvent, 'push'>
  | Agrees<RepositoryEvent, 'repository'>
  | Agrees<PullRequestEvent, 'pull_request'>
  | Agrees<OrganizationEvent, 'organization'>
  | Agrees<MembershipEvent, 'membership'>
  | Agrees<TeamEvent, 'team'>
  | Agrees<InstallationEvent, 'installation'>
  | Agrees<InstallationRepositoriesEvent, 'installation_repositories'>
  | Agrees<PingEvent, 'ping'>
  | Agrees<DeploymentStatusEvent, 'deployment_status'>
  | Agrees<BranchProtectionRuleEvent, 'branch_protection_rule'>
  | Agrees<WorkflowRunEvent, 'workflow_run'>
>;
