import 'server-only';
import { z } from 'zod';
import {
  commitTree,
  explainRepoError,
  gitAuthor,
  gitAuthorInput,
  repoTarget,
  tokenInput,
  webUrl,
  workspaceTree,
  type RepoTarget,
} from '../github';
import { confinedRelativePath } from '../model/paths';
import { ActionError, defineAction, type ActionLogger } from './types';

// Backstage's publish:github:pull-request: the workspace (or sourcePath) written over the target
// repository's default branch on a new branch, and a pull request for it. The branch must be new,
// as octokit-plugin-create-pull-request (Backstage's) requires: a branch that is there (the base, or
// someone else's work) is never written over, except, with `update: true`, the branch of an open pull
// request into the same base, which gets a new commit on top. Pushing the branch and opening the pull
// request are checkpoints of their own, so a retry after a failed request keeps the branch this task pushed.
// `filesToDelete` names repository paths (from its root, as the commit's other paths with targetPath
// are): a file is deleted, a folder with every file under it, and a path the base does not have is
// logged; a file the workspace writes is written, though listed. `createWhenEmpty: false` opens
// nothing when the commit would change nothing. `forceFork` is not followed: the branch is always
// one of the repository's own, which the integration can push to (a warning says so).

export const publishGithubPullRequestAction = defineAction({
  id: 'publish:github:pull-request',
  description: 'Commits the workspace to a new branch of an existing repository and opens a pull request.',
  input: z.object({
    repoUrl: z.string().min(1),
    branchName: z.string().min(1).describe('Branch to create'),
    title: z.string().min(1).describe('Pull request title'),
    description: z.string().default('').describe('Pull request body'),
    targetBranchName: z.string().optional().describe('Base branch (default: the repository default branch)'),
    sourcePath: z.string().optional(),
    targetPath: z.string().optional().describe('Folder of the repository to write the files into'),
    draft: z.boolean().default(false),
    commitMessage: z.string().optional(),
    update: z
      .boolean()
      .default(false)
      .describe('When an open pull request from branchName exists, push to its branch and keep that pull request'),
    reviewers: z.array(z.string()).optional().describe('Logins to request a review from'),
    teamReviewers: z.array(z.string()).optional().describe('Team slugs to request a review from'),
    assignees: z.array(z.string()).optional().describe('Logins to assign (at most 10)'),
    filesToDelete: z.array(z.string()).optional().describe('Repository files (or folders) the pull request deletes'),
    ...gitAuthorInput,
    forceEmptyGitAuthor: z.boolean().default(false).describe("No author on the commit (GitHub records the token's account)"),
    createWhenEmpty: z.boolean().default(true).describe('Open the pull request when the commit changes nothing'),
    forceFork: z.boolean().default(false).describe('Not followed: the branch is pushed to the repository itself'),
    token: tokenInput,
  }),
  output: z.object({ remoteUrl: z.string(), pullRequestNumber: z.number(), targetBranchName: z.string() }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const toDelete = (i.filesToDelete ?? []).map((p) => {
      let path: string;
      try {
        path = confinedRelativePath(p, 'filesToDelete');
      } catch (err) {
        throw new ActionError((err as Error).message.replace("the task's workspace", 'the repository'));
      }
      if (!path) throw new ActionError(`filesToDelete "${p}" is the repository's root; name the files or folders to delete`);
      return path;
    });
    if (i.forceFork)
      ctx.logger.warn(`forceFork is not followed: the branch ${i.branchName} is pushed to ${t.owner}/${t.repo} itself, not to a fork`);
    if (ctx.isDryRun) {
      ctx.logger.info(
        `Dry run: would open a pull request "${i.title}" from ${i.branchName} on ${t.owner}/${t.repo}${toDelete.length ? `, deleting ${toDelete.join(', ')}` : ''}`,
      );
      ctx.output('remoteUrl', `${webUrl(t, 'pull', '0')}`);
      ctx.output('pullRequestNumber', 0);
      ctx.output('targetBranchName', i.targetBranchName ?? 'main');
      return;
    }
    try {
      const { data: repo } = await t.client.rest.repos.get({ owner: t.owner, repo: t.repo });
      const base = i.targetBranchName ?? repo.default_branch;
      if (i.branchName === base)
        throw new ActionError(
          `the branch ${base} is the pull request's base in ${t.owner}/${t.repo}; set branchName to a new branch for the changes`,
        );
      // Backstage's `update`: a run for a branch that already has an open pull request into this base
      // adds a commit to that branch and keeps the pull request. A branch without one is still refused.
      const open = i.update
        ? await ctx.checkpoint('open-pull-request', async () => {
            const { data } = await t.client.rest.pulls.list({
              owner: t.owner,
              repo: t.repo,
              state: 'open',
              head: `${t.owner}:${i.branchName}`,
              base,
            });
            return data[0] ? { number: data[0].number, url: data[0].html_url } : null;
          })
        : null;
      const pushed = await ctx.checkpoint('branch', async () => {
        const tip = await t.client.rest.git.getRef({ owner: t.owner, repo: t.repo, ref: `heads/${i.branchName}` }).then(
          ({ data }) => data.object.sha,
          (err: { status?: number }) => (err.status === 404 ? null : Promise.reject(err)),
        );
        if (tip && !open)
          throw new ActionError(
            `the branch ${i.branchName} exists in ${t.owner}/${t.repo}; a pull request is opened from a new branch, so choose another branchName (or delete that branch), then retry`,
          );
        const parent = tip ?? (await t.client.rest.git.getRef({ owner: t.owner, repo: t.repo, ref: `heads/${base}` })).data.object.sha;
        const { data: parentCommit } = await t.client.rest.git.getCommit({ owner: t.owner, repo: t.repo, commit_sha: parent });
        const baseTree = parentCommit.tree.sha;
        const tree = await workspaceTree(t, ctx.workspacePath, {
          sourcePath: i.sourcePath,
          prefix: i.targetPath,
          baseTree,
          deletions: toDelete.length ? await existingFiles(t, baseTree, toDelete, ctx.logger) : [],
        });
        if (tree === baseTree && !i.createWhenEmpty) return null;
        return commitTree(t, tree, {
          branch: i.branchName,
          message: i.commitMessage ?? i.title,
          author: i.forceEmptyGitAuthor ? undefined : gitAuthor(i.gitAuthorName, i.gitAuthorEmail),
          parent,
          branchExists: tip !== null,
        });
      });
      if (pushed === null && !open) {
        ctx.logger.info('No changes to commit, pull request was not created');
        return;
      }
      const pr = await ctx.checkpoint('pull-request', async () => {
        if (open) return open;
        const { data } = await t.client.rest.pulls.create({
          owner: t.owner,
          repo: t.repo,
          head: i.branchName,
          base,
          title: i.title,
          body: i.description,
          draft: i.draft,
        });
        return { number: data.number, url: data.html_url };
      });
      ctx.logger.info(
        pushed === null
          ? `No changes to commit: pull request #${pr.number} is as it was: ${pr.url}`
          : `${open ? 'Updated' : 'Opened'} pull request #${pr.number}: ${pr.url}`,
      );
      // As Backstage: reviewers and assignees are asked for after the pull request is open, and a
      // refusal (someone without access, the author as a reviewer) is logged, not the step's failure.
      const at = { owner: t.owner, repo: t.repo };
      if (i.reviewers?.length || i.teamReviewers?.length)
        await ctx.checkpoint('reviewers', () =>
          t.client.rest.pulls
            .requestReviewers({
              ...at,
              pull_number: pr.number,
              reviewers: i.reviewers,
              team_reviewers: i.teamReviewers && [...new Set(i.teamReviewers)],
            })
            .then(
              ({ data }) =>
                ctx.logger.info(
                  `Asked ${[...(data.requested_reviewers ?? []).map((u) => u.login), ...(data.requested_teams ?? []).map((team) => `team ${team.slug}`)].join(', ')} to review pull request #${pr.number}`,
                ),
              (err: Error) => ctx.logger.error(`Could not request reviewers on pull request #${pr.number}: ${err.message}`),
            ),
        );
      if (i.assignees?.length) {
        if (i.assignees.length > 10) ctx.logger.warn('A pull request has at most 10 assignees: only the first 10 are assigned.');
        await ctx.checkpoint('assignees', () =>
          t.client.rest.issues.addAssignees({ ...at, issue_number: pr.number, assignees: i.assignees!.slice(0, 10) }).then(
            ({ data }) =>
              ctx.logger.info(
                `Assigned pull request #${pr.number} to ${(data.assignees ?? []).map((u) => u.login).join(', ') || 'nobody (none of them may be assigned)'}`,
              ),
            (err: Error) => ctx.logger.error(`Could not assign pull request #${pr.number}: ${err.message}`),
          ),
        );
      }
      ctx.output('remoteUrl', pr.url);
      ctx.output('pullRequestNumber', pr.number);
      ctx.output('targetBranchName', base);
    } catch (err) {
      if (err instanceof ActionError) throw err;
      throw explainRepoError(err, t, 'open a pull request on');
    }
  },
});

/** Which files of the tree `paths` name: a file as itself, a folder as every file under it; a path it does not have is logged. */
async function existingFiles(t: RepoTarget, treeSha: string, paths: string[], logger: ActionLogger): Promise<string[]> {
  const { data } = await t.client.rest.git.getTree({ owner: t.owner, repo: t.repo, tree_sha: treeSha, recursive: 'true' });
  // GitHub lists at most 100,000 entries of a tree: past that, each path is deleted as given.
  if (data.truncated) return paths;
  const files = data.tree.flatMap((e) => (e.type === 'blob' && e.path ? [e.path] : []));
  const found = new Set<string>();
  for (const path of paths) {
    const under = files.filter((f) => f === path || f.startsWith(`${path}/`));
    if (!under.length)
      logger.warn(`filesToDelete: ${path || '(the root)'} is not in ${t.owner}/${t.repo}; there is nothing to delete there`);
    for (const f of under) found.add(f);
  }
  return [...found];
}
