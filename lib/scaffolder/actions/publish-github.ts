import 'server-only';
import { z } from 'zod';
import {
  explainRepoError,
  gitAuthor,
  gitAuthorInput,
  pushWorkspace,
  repoTarget,
  secretSealer,
  tokenInput,
  webUrl,
  type RepoTarget,
} from '../github';
import { listWorkspaceFiles, resolveInWorkspace } from '../workspace';
import { ActionError, defineAction, type ActionContext } from './types';

// Backstage's publish:github: creates the repository, pushes the workspace as its first commit
// (Git Data API), sets topics and protects the default branch. Each part is a checkpoint: a retry
// after a failure (a missing App permission, an org policy) continues where it stopped and never
// creates the repository twice.

const permissionInput = z.enum(['pull', 'triage', 'push', 'maintain', 'admin']);
const collaboratorInput = z.union([
  z.object({ user: z.string().min(1), access: permissionInput }),
  z.object({ team: z.string().min(1), access: permissionInput }),
  // Backstage's older spelling, still read there.
  z.object({ username: z.string().min(1), access: permissionInput }),
]);

// A variable's or secret's value: text (a number or boolean a template rendered becomes its text).
export const actionsValue = z.union([z.string(), z.number(), z.boolean()]).transform(String);

export const repoCreateInput = {
  repoUrl: z.string().min(1).describe('Repository location, as RepoUrlPicker writes it: github.com?owner=acme&repo=payments'),
  description: z.string().optional().describe('Repository description'),
  repoVisibility: z.enum(['private', 'internal', 'public']).default('private').describe('Visibility (internal: organisation members only)'),
  topics: z.array(z.string()).optional().describe('Repository topics'),
  homepage: z.string().optional(),
  deleteBranchOnMerge: z.boolean().default(false),
  allowMergeCommit: z.boolean().default(true),
  allowSquashMerge: z.boolean().default(true),
  allowRebaseMerge: z.boolean().default(true),
  squashMergeCommitTitle: z.enum(['PR_TITLE', 'COMMIT_OR_PR_TITLE']).optional().describe("A squash merge commit's default title"),
  squashMergeCommitMessage: z.enum(['PR_BODY', 'COMMIT_MESSAGES', 'BLANK']).optional().describe("A squash merge commit's default message"),
  allowAutoMerge: z.boolean().default(false).describe('Allow pull requests to merge on their own once their requirements are met'),
  hasIssues: z.boolean().optional().describe("Enable issues (GitHub's default: true)"),
  hasProjects: z.boolean().optional().describe("Enable projects (GitHub's default: true, unless the organisation disables them)"),
  hasWiki: z.boolean().optional().describe("Enable the wiki (GitHub's default: true)"),
  customProperties: z
    .record(z.string(), z.union([z.string(), z.array(z.string())]))
    .optional()
    .describe("The repository's custom property values (organisations only)"),
  access: z.string().optional().describe('An admin of the new repository: a login, or a team as owner/team-slug'),
  collaborators: z.array(collaboratorInput).optional().describe('Users and teams given access to the new repository'),
  repoVariables: z.record(z.string(), actionsValue).optional().describe('GitHub Actions variables of the repository'),
  secrets: z.record(z.string(), actionsValue).optional().describe('GitHub Actions secrets of the repository, sealed with its public key'),
  oidcCustomization: z
    .object({ useDefault: z.boolean(), includeClaimKeys: z.array(z.string()).optional() })
    .optional()
    .describe("The OIDC subject claim's template for the repository's workflows"),
  subscribe: z.boolean().optional().describe("Watch the repository as the integration's account"),
  token: tokenInput,
};

/** The rules of a branch's protection (publish:github's and github:branch-protection:create's inputs). */
export const branchRulesInput = {
  requireCodeOwnerReviews: z.boolean().default(false).describe('Require a code owner review for pull requests'),
  requiredApprovingReviewCount: z.number().int().min(0).max(6).default(1),
  dismissStaleReviews: z.boolean().default(false),
  requiredStatusCheckContexts: z.array(z.string()).default([]).describe('Status checks that must pass before merging'),
  requireBranchesToBeUpToDate: z.boolean().default(true),
  requiredConversationResolution: z.boolean().default(false).describe('Require every review conversation resolved before merging'),
  requireLastPushApproval: z.boolean().default(false).describe('Require the last push approved by someone other than its author'),
  requiredCommitSigning: z.boolean().default(false).describe('Require signed commits'),
  requiredLinearHistory: z.boolean().default(false).describe('Refuse merge commits'),
  bypassPullRequestAllowances: z
    .object({ users: z.array(z.string()).optional(), teams: z.array(z.string()).optional(), apps: z.array(z.string()).optional() })
    .optional()
    .describe('Users, teams and apps that may bypass the pull request requirements'),
  restrictions: z
    .object({ users: z.array(z.string()), teams: z.array(z.string()), apps: z.array(z.string()).optional() })
    .optional()
    .describe('Who alone may push to the branch (organisation repositories)'),
};

export const protectionInput = {
  protectDefaultBranch: z.boolean().default(true).describe('Protect the default branch'),
  protectEnforceAdmins: z.boolean().default(true),
  ...branchRulesInput,
};

const input = z.object({
  ...repoCreateInput,
  ...protectionInput,
  defaultBranch: z.string().default('main').describe('Default branch'),
  sourcePath: z.string().optional().describe('Folder of the workspace to push (default: all of it)'),
  gitCommitMessage: z.string().default('initial commit'),
  ...gitAuthorInput,
});

const output = z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() });

/** Branch protection from the rules inputs (GitHub's PUT …/branches/{branch}/protection). */
export async function protectBranch(
  t: RepoTarget,
  branch: string,
  i: z.infer<z.ZodObject<typeof branchRulesInput>>,
  enforceAdmins: boolean,
): Promise<void> {
  await t.client.rest.repos.updateBranchProtection({
    owner: t.owner,
    repo: t.repo,
    branch,
    required_status_checks: { strict: i.requireBranchesToBeUpToDate, contexts: i.requiredStatusCheckContexts },
    enforce_admins: enforceAdmins,
    required_pull_request_reviews: {
      required_approving_review_count: i.requiredApprovingReviewCount,
      require_code_owner_reviews: i.requireCodeOwnerReviews,
      dismiss_stale_reviews: i.dismissStaleReviews,
      require_last_push_approval: i.requireLastPushApproval,
      bypass_pull_request_allowances: i.bypassPullRequestAllowances,
    },
    restrictions: i.restrictions ?? null,
    required_conversation_resolution: i.requiredConversationResolution,
    required_linear_history: i.requiredLinearHistory,
  });
  if (i.requiredCommitSigning) await t.client.rest.repos.createCommitSignatureProtection({ owner: t.owner, repo: t.repo, branch });
}

type CreatedRepo = { defaultBranch: string; existed: boolean };

/** Creates the repository once per task step (auto_init: the Git Data API needs a non-empty repository). */
export async function createRepository(
  ctx: ActionContext<z.infer<z.ZodObject<typeof repoCreateInput>>>,
  t: RepoTarget,
): Promise<CreatedRepo> {
  const i = ctx.input;
  return ctx.checkpoint('repository', async () => {
    const isOrg = await t.client.rest.orgs.get({ org: t.owner }).then(
      () => true,
      (err: { status?: number }) => (err.status === 404 ? false : Promise.reject(err)),
    );
    // GitHub creates a repository outside an organisation in the token's own account, whatever the
    // owner: the steps after this would then write to the owner's repository of that name.
    if (!isOrg) {
      const me = await t.client.rest.users.getAuthenticated().then(
        ({ data }) => data.login,
        () => null,
      );
      if (me?.toLowerCase() !== t.owner.toLowerCase())
        throw new ActionError(
          `${t.owner} is not an organisation, and the integration's account is ${me ?? 'not a user account'}: a repository can be created in an organisation or in that account only; choose an organisation as the owner`,
        );
    }
    const body = {
      name: t.repo,
      description: i.description,
      homepage: i.homepage,
      auto_init: true,
      delete_branch_on_merge: i.deleteBranchOnMerge,
      allow_merge_commit: i.allowMergeCommit,
      allow_squash_merge: i.allowSquashMerge,
      allow_rebase_merge: i.allowRebaseMerge,
      allow_auto_merge: i.allowAutoMerge,
      squash_merge_commit_title: i.squashMergeCommitTitle,
      squash_merge_commit_message: i.squashMergeCommitMessage,
      has_issues: i.hasIssues,
      has_projects: i.hasProjects,
      has_wiki: i.hasWiki,
    };
    if (!isOrg && i.customProperties)
      ctx.logger.warn(`Skipping customProperties: ${t.owner} is not an organisation, and only organisations have them`);
    try {
      const { data } = isOrg
        ? await t.client.rest.repos.createInOrg({
            ...body,
            org: t.owner,
            visibility: i.repoVisibility as 'private',
            custom_properties: i.customProperties,
          })
        : await t.client.rest.repos.createForAuthenticatedUser({ ...body, private: i.repoVisibility !== 'public' });
      ctx.logger.info(`Created repository ${data.full_name} (${data.visibility ?? i.repoVisibility})`);
      return { defaultBranch: data.default_branch, existed: false };
    } catch (err) {
      throw explainRepoError(err, t, 'create the repository');
    }
  });
}

/**
 * Backstage's `access` (an admin: a login, or a team as owner/team-slug) and `collaborators`, once
 * the repository exists: a checkpoint of its own. An admin GitHub refuses fails the step; a
 * collaborator it refuses is logged and skipped, as Backstage does.
 */
export async function grantAccess(ctx: ActionContext<z.infer<z.ZodObject<typeof repoCreateInput>>>, t: RepoTarget): Promise<void> {
  const i = ctx.input;
  if (!i.access && !i.collaborators?.length) return;
  const at = { owner: t.owner, repo: t.repo };
  const full = `${t.owner}/${t.repo}`;
  const give = async (who: { team: string } | { user: string }, permission: z.infer<typeof permissionInput>) => {
    if ('team' in who) {
      await t.client.rest.teams.addOrUpdateRepoPermissionsInOrg({ ...at, org: t.owner, team_slug: who.team, permission });
      return `Gave team ${who.team} ${permission} access to ${full}`;
    }
    const { status } = await t.client.rest.repos.addCollaborator({ ...at, username: who.user, permission });
    // 201: GitHub invited them (not a member of the organisation); 204: they have it now.
    return status === 201 ? `Invited ${who.user} to ${full} with ${permission} access` : `Gave ${who.user} ${permission} access to ${full}`;
  };
  await ctx.checkpoint('access', async () => {
    const admin = i.access && i.access.toLowerCase() !== t.owner.toLowerCase() ? i.access : null;
    if (admin) {
      const team = admin.toLowerCase().startsWith(`${t.owner.toLowerCase()}/`) ? admin.slice(t.owner.length + 1) : null;
      try {
        ctx.logger.info(await give(team ? { team } : { user: admin }, 'admin'));
      } catch (err) {
        if ((err as { status?: number }).status === 404)
          throw new ActionError(
            `access: GitHub has no ${team ? `team ${team} in ${t.owner}` : `user ${admin}`}; name the repository's admin as a login or as ${t.owner}/<team-slug>`,
          );
        throw explainRepoError(err, t, `give ${admin} admin access to`);
      }
    }
    for (const c of i.collaborators ?? []) {
      // Backstage's entityRefToName: a catalog reference (group:default/team-a) names its GitHub team or login.
      const bare = (ref: string) => ref.replace(/^.*[:/]/, '');
      const who = 'team' in c ? { team: bare(c.team) } : { user: bare('user' in c ? c.user : c.username) };
      try {
        ctx.logger.info(await give(who, c.access));
      } catch (err) {
        const name = 'team' in who ? `team ${who.team}` : who.user;
        ctx.logger.warn(`Skipping ${c.access} access for ${name}: ${explainRepoError(err, t, `give ${name} access to`).message}`);
      }
    }
  });
}

/**
 * What Backstage sets once the repository exists, besides access: topics (lower case, as GitHub
 * needs them; a refusal is logged and skipped), GitHub Actions variables and secrets (each secret
 * sealed with the repository's public key, so its value never leaves in clear), the OIDC subject
 * template and the subscription. A checkpoint of its own: a retry sets them again (an existing
 * variable is updated).
 */
export async function configureRepository(ctx: ActionContext<z.infer<z.ZodObject<typeof repoCreateInput>>>, t: RepoTarget): Promise<void> {
  const i = ctx.input;
  const at = { owner: t.owner, repo: t.repo };
  const full = `${t.owner}/${t.repo}`;
  const variables = Object.entries(i.repoVariables ?? {});
  const secrets = Object.entries(i.secrets ?? {});
  if (!i.topics?.length && !variables.length && !secrets.length && !i.oidcCustomization && !i.subscribe) return;
  await ctx.checkpoint('settings', async () => {
    if (i.topics?.length) {
      const names = i.topics.map((topic) => topic.toLowerCase());
      try {
        await t.client.rest.repos.replaceAllTopics({ ...at, names });
      } catch (err) {
        ctx.logger.warn(`Skipping topics ${names.join(' ')}: ${explainRepoError(err, t, 'set the topics of').message}`);
      }
    }
    for (const [name, value] of variables) {
      try {
        await t.client.rest.actions.createRepoVariable({ ...at, name, value }).catch((err: { status?: number }) => {
          if (err.status === 409) return t.client.rest.actions.updateRepoVariable({ ...at, name, value });
          throw err;
        });
      } catch (err) {
        throw explainRepoError(err, t, `set the Actions variable ${name} of`);
      }
    }
    if (variables.length) ctx.logger.info(`Set the Actions variables ${variables.map(([name]) => name).join(', ')} of ${full}`);
    if (secrets.length) {
      try {
        const { data: key } = await t.client.rest.actions.getRepoPublicKey(at);
        const seal = await secretSealer(key.key);
        for (const [name, value] of secrets)
          await t.client.rest.actions.createOrUpdateRepoSecret({
            ...at,
            secret_name: name,
            encrypted_value: seal(value),
            key_id: key.key_id,
          });
      } catch (err) {
        throw explainRepoError(err, t, 'set the Actions secrets of');
      }
      ctx.logger.info(`Set the Actions secrets ${secrets.map(([name]) => name).join(', ')} of ${full}`);
    }
    if (i.oidcCustomization) {
      try {
        await t.client.request('PUT /repos/{owner}/{repo}/actions/oidc/customization/sub', {
          ...at,
          use_default: i.oidcCustomization.useDefault,
          include_claim_keys: i.oidcCustomization.includeClaimKeys,
        });
      } catch (err) {
        throw explainRepoError(err, t, 'set the OIDC subject template of');
      }
    }
    if (i.subscribe) {
      try {
        await t.client.rest.activity.setRepoSubscription({ ...at, subscribed: true, ignored: false });
      } catch (err) {
        throw explainRepoError(err, t, 'subscribe to');
      }
    }
  });
}

export const publishGithubAction = defineAction({
  id: 'publish:github',
  description: 'Creates a GitHub repository, pushes the workspace as its first commit, sets topics and protects the default branch.',
  input,
  output,
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const full = `${t.owner}/${t.repo}`;
    const outputs = (commitHash: string) => {
      ctx.output('remoteUrl', `${webUrl(t)}.git`);
      ctx.output('repoContentsUrl', webUrl(t, 'blob', i.defaultBranch));
      ctx.output('commitHash', commitHash);
    };
    if (ctx.isDryRun) {
      const files = await listWorkspaceFiles(await resolveInWorkspace(ctx.workspacePath, i.sourcePath ?? '.', 'sourcePath'));
      ctx.logger.info(
        `Dry run: would create ${i.repoVisibility} repository ${full} on ${t.host} and push ${files.length} files to ${i.defaultBranch}${i.protectDefaultBranch ? `, then protect ${i.defaultBranch}` : ''}`,
      );
      outputs('0000000000000000000000000000000000000000');
      return;
    }
    const created = await createRepository(ctx, t);
    const leftBehind = (pushed: boolean) =>
      ` Left behind: the repository ${full}, created by this task${pushed ? ` with the first commit on ${i.defaultBranch}` : " (still empty apart from GitHub's initial commit)"}; a retry continues from here and does not create it again.`;
    await grantAccess(ctx, t)
      .then(() => configureRepository(ctx, t))
      .catch((err: unknown) => {
        throw new ActionError((err as Error).message + leftBehind(false));
      });
    let commitHash: string;
    try {
      commitHash = await ctx.checkpoint('push', async () => {
        const sha = await pushWorkspace(t, ctx.workspacePath, {
          sourcePath: i.sourcePath,
          branch: i.defaultBranch,
          message: i.gitCommitMessage,
          author: gitAuthor(i.gitAuthorName, i.gitAuthorEmail),
          // No parent: the workspace is the repository's first commit (it replaces auto_init's).
          parent: null,
          force: true,
          // auto_init made the default branch; another branch is new (a retry finds out).
          branchExists: created.defaultBranch === i.defaultBranch ? true : undefined,
        });
        if (created.defaultBranch !== i.defaultBranch) {
          await t.client.rest.repos.update({ owner: t.owner, repo: t.repo, default_branch: i.defaultBranch });
          await t.client.rest.git.deleteRef({ owner: t.owner, repo: t.repo, ref: `heads/${created.defaultBranch}` });
        }
        ctx.logger.info(`Pushed the workspace to ${full}@${i.defaultBranch} (${sha.slice(0, 7)})`);
        return sha;
      });
    } catch (err) {
      const e = err instanceof ActionError ? err : explainRepoError(err, t, 'push to');
      throw new ActionError(e.message + leftBehind(false));
    }
    try {
      if (i.protectDefaultBranch) {
        await protectBranch(t, i.defaultBranch, i, i.protectEnforceAdmins);
        ctx.logger.info(`Protected ${i.defaultBranch}${i.requireCodeOwnerReviews ? ' (code owner reviews required)' : ''}`);
      }
    } catch (err) {
      throw new ActionError(explainRepoError(err, t, 'protect the default branch of').message + leftBehind(true));
    }
    outputs(commitHash);
  },
});
