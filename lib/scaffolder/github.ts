import 'server-only';
import { z } from 'zod';
import { githubClient, type GitHubClient } from '@/lib/github/client';
import { githubIntegrations } from '@/lib/github/integrations';
import { ActionError, type ActionContext } from './actions/types';
import { confinedRelativePath } from './model/paths';
import { parseRepoUrl } from './model/repo-url';
import { gitTracked, listWorkspaceFiles, resolveInWorkspace } from './workspace';

// What the github:* and publish:github* actions share: the integration a RepoUrlPicker value
// points at, pushing a workspace folder as one commit through the Git Data API, and GitHub's
// refusals turned into what to change.

/**
 * The `token` input of the github:* and publish:github* actions. Backstage templates pass
 * `${{ secrets.USER_OAUTH_TOKEN or false }}`, a token Backstage's RepoUrlPicker asks the person for
 * (ui:options.requestUserCredentials). Wayfinder asks for none, so the expression gives false: no
 * token, and the step acts with the integration's credentials, as an empty token does.
 */
export const tokenInput = z
  .union([z.string(), z.literal(false)])
  .optional()
  .transform((token) => token || undefined)
  .describe('A token to use instead of the integration (pass a Secret field); false or empty: the integration');

export type RepoTarget = { webBaseUrl: string; client: GitHubClient; owner: string; repo: string; host: string };

/**
 * The repository a step's repoUrl names, with a client for its integration (or the template's own
 * token). A dry run gets no client (it calls nothing); a host with no integration is a warning
 * there, saying what the real run would stop at, so the dry run goes on to show the later steps.
 */
export async function repoTarget(
  ctx: Pick<ActionContext<unknown>, 'isDryRun' | 'logger'>,
  repoUrl: string,
  token?: string,
): Promise<RepoTarget> {
  let spec;
  try {
    spec = parseRepoUrl(repoUrl);
  } catch (err) {
    throw new ActionError((err as Error).message);
  }
  const integration = githubIntegrations().find((g) => g.host === spec.host);
  const missing = `No matching integration configuration for host ${spec.host}, please check your integrations config (integrations.github in wayfinder.config.yaml)`;
  const target = { webBaseUrl: integration?.webBaseUrl ?? `https://${spec.host}`, owner: spec.owner, repo: spec.repo, host: spec.host };
  if (ctx.isDryRun) {
    if (!integration) ctx.logger.warn(`A real run would stop here: ${missing}`);
    return {
      ...target,
      get client(): GitHubClient {
        throw new Error('a dry run calls no GitHub API');
      },
    };
  }
  if (!integration) throw new ActionError(missing);
  // A template may pass its own token (a Secret field): it replaces the integration's credentials.
  const effective = token ? { ...integration, token, app: undefined } : integration;
  return { ...target, client: await githubClient(effective, { org: spec.owner, retries: 1 }) };
}

export function webUrl(t: RepoTarget, ...parts: string[]): string {
  return [t.webBaseUrl, t.owner, t.repo, ...parts].join('/');
}

/**
 * A commit's author from a template's gitAuthorName / gitAuthorEmail, as Backstage's publish
 * actions: either one given, the other defaults to Backstage's ('Scaffolder',
 * 'scaffolder@backstage.io'); neither, none (GitHub records the token's account).
 */
export const gitAuthorInput = {
  gitAuthorName: z.string().optional().describe("The commit's author (default: the token's account)"),
  gitAuthorEmail: z.string().optional(),
};

export function gitAuthor(name?: string, email?: string): { name: string; email: string } | undefined {
  if (!name && !email) return undefined;
  return { name: name || 'Scaffolder', email: email || 'scaffolder@backstage.io' };
}

type TreeOptions = {
  sourcePath?: string;
  prefix?: string;
  baseTree?: string;
  /** Repository paths (files) the tree leaves out of baseTree. */
  deletions?: readonly string[];
};

/** The files under `sourcePath` as a tree (on top of `baseTree`, under `prefix`); returns its SHA. */
export async function workspaceTree(t: RepoTarget, workspacePath: string, o: TreeOptions): Promise<string> {
  const root = await resolveInWorkspace(workspacePath, o.sourcePath ?? '.', 'sourcePath');
  // What git would add: a file the workspace's .gitignore files ignore is not pushed (Backstage's behaviour).
  const files = gitTracked(await listWorkspaceFiles(root));
  if (!files.length && !o.deletions?.length)
    throw new ActionError(`there is nothing to push: ${o.sourcePath ?? 'the workspace'} is empty (did fetch:template run first?)`);
  const { client, owner, repo } = t;
  const prefix = o.prefix ? `${confinedRelativePath(o.prefix, 'targetPath')}/`.replace(/^\/$/, '') : '';
  // Text files go inline in the tree (one request); only binary files need a blob each: fewer
  // writes, and a run stays within the burst the write pacing allows (lib/github/write-pacing.ts).
  const tree = [];
  for (const f of files) {
    const mode = (f.executable ? '100755' : '100644') as '100755' | '100644';
    const text = f.content.toString('utf8');
    if (!f.content.includes(0) && Buffer.from(text, 'utf8').equals(f.content)) {
      tree.push({ path: prefix + f.path, mode, type: 'blob' as const, content: text });
      continue;
    }
    const { data } = await client.rest.git.createBlob({ owner, repo, content: f.content.toString('base64'), encoding: 'base64' });
    tree.push({ path: prefix + f.path, mode, type: 'blob' as const, sha: data.sha });
  }
  // A file the workspace writes is kept, though it is also to be deleted.
  const written = new Set(tree.map((e) => e.path));
  for (const path of o.deletions ?? [])
    if (!written.has(path)) tree.push({ path, mode: '100644' as const, type: 'blob' as const, sha: null });
  const { data } = await client.rest.git.createTree({ owner, repo, tree, ...(o.baseTree ? { base_tree: o.baseTree } : {}) });
  return data.sha;
}

type CommitOptions = {
  branch: string;
  message: string;
  author?: { name: string; email: string };
  parent: string | null;
  force?: boolean;
  /** Whether the branch exists, when the caller knows (saves asking GitHub). */
  branchExists?: boolean;
};

/** A commit of `tree`, and `branch` moved to it (created when new); returns the commit's SHA. */
export async function commitTree(t: RepoTarget, tree: string, o: CommitOptions): Promise<string> {
  const { client, owner, repo } = t;
  const { data: commit } = await client.rest.git.createCommit({
    owner,
    repo,
    message: o.message,
    tree,
    parents: o.parent ? [o.parent] : [],
    ...(o.author ? { author: { ...o.author, date: new Date().toISOString() } } : {}),
  });
  const ref = `heads/${o.branch}`;
  const exists =
    o.branchExists ??
    (await client.rest.git.getRef({ owner, repo, ref }).then(
      () => true,
      (err: { status?: number }) => (err.status === 404 ? false : Promise.reject(err)),
    ));
  if (exists) await client.rest.git.updateRef({ owner, repo, ref, sha: commit.sha, force: o.force ?? false });
  else await client.rest.git.createRef({ owner, repo, ref: `refs/${ref}`, sha: commit.sha });
  return commit.sha;
}

/** Pushes the files under `sourcePath` as one commit; returns its SHA. */
export async function pushWorkspace(t: RepoTarget, workspacePath: string, o: TreeOptions & CommitOptions): Promise<string> {
  return commitTree(t, await workspaceTree(t, workspacePath, o), o);
}

/** GitHub's secret encryption: a libsodium sealed box to the repository's (or environment's) public key, base64. */
export async function secretSealer(publicKey: string): Promise<(value: string) => string> {
  const { default: sodium } = await import('libsodium-wrappers');
  await sodium.ready;
  const key = sodium.from_base64(publicKey, sodium.base64_variants.ORIGINAL);
  return (value) => sodium.to_base64(sodium.crypto_box_seal(sodium.from_string(value), key), sodium.base64_variants.ORIGINAL);
}

/** GitHub's refusals, in words that say what to change. */
export function explainRepoError(err: unknown, t: { owner: string; repo: string }, doing: string): ActionError {
  const status = (err as { status?: number }).status;
  const message = String(
    (err as { response?: { data?: { message?: string; errors?: { message?: string }[] } } }).response?.data?.message ??
      (err as Error).message ??
      err,
  );
  const details =
    (err as { response?: { data?: { errors?: { message?: string }[] } } }).response?.data?.errors
      ?.map((e) => e.message)
      .filter(Boolean)
      .join('; ') ?? '';
  const full = `${t.owner}/${t.repo}`;
  if ((status === 403 || status === 429) && /rate limit/i.test(message)) {
    // Reached only when GitHub asked for a longer wait than a task step waits (lib/github/client.ts).
    const after = Number((err as { response?: { headers?: Record<string, string> } }).response?.headers?.['retry-after']);
    return new ActionError(
      `GitHub's rate limit stopped the request to ${doing} ${full} ("${message}")${after > 0 ? `; GitHub asks to wait ${after} s` : ''}. Nothing needs to change in the template: retry the task after that.`,
    );
  }
  if (status === 403 && /Resource not accessible by integration/i.test(message)) {
    return new ActionError(
      `GitHub refused to ${doing} ${full}: "Resource not accessible by integration". The GitHub App (or token) lacks the Administration: write permission; grant it "Administration: Read and write" in the App's settings (and accept the new permission on the organisation's installation), then retry.`,
    );
  }
  if (status === 403 && /admin access to the organization|not allowed to create|repository creation/i.test(message)) {
    return new ActionError(
      `GitHub refused to ${doing} ${full}: the organisation ${t.owner} does not let this account create repositories ("${message}"). An org owner can allow it under Organization settings → Member privileges → Repository creation, or configure a token of an account that may; then retry.`,
    );
  }
  if (status === 422 && /already exists/i.test(`${message} ${details}`)) {
    return new ActionError(
      `A repository named ${full} already exists and was not created by this task. Choose another name, or rename or delete the existing repository, then retry.`,
    );
  }
  if (status === 404)
    return new ActionError(`GitHub answered 404 to ${doing} ${full}: the owner ${t.owner} does not exist or the token cannot see it.`);
  return new ActionError(`GitHub refused to ${doing} ${full}: HTTP ${status ?? '?'} ${message}${details ? ` (${details})` : ''}`);
}
