import 'server-only';
import { z } from 'zod';
import { explainRepoError, gitAuthor, gitAuthorInput, pushWorkspace, repoTarget, tokenInput, webUrl } from '../github';
import { protectBranch, protectionInput } from './publish-github';
import { ActionError, defineAction } from './types';

// Backstage's github:repo:push: pushes the workspace to a repository that exists (after
// github:repo:create), as one commit on the default branch, and protects it. The commit goes on top
// of the default branch's history (after github:repo:create, GitHub's initial commit), and a
// branch is only moved forward: Backstage's git push is refused by a repository with other
// history, and a force push here would throw away every commit of any repository the run names.

export const githubRepoPushAction = defineAction({
  id: 'github:repo:push',
  description: 'Pushes the workspace to an existing GitHub repository as one commit and protects the default branch.',
  input: z.object({
    repoUrl: z.string().min(1),
    defaultBranch: z.string().default('main'),
    sourcePath: z.string().optional(),
    gitCommitMessage: z.string().default('initial commit'),
    ...gitAuthorInput,
    token: tokenInput,
    ...protectionInput,
  }),
  output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string(), commitHash: z.string() }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    ctx.output('remoteUrl', `${webUrl(t)}.git`);
    ctx.output('repoContentsUrl', webUrl(t, 'blob', i.defaultBranch));
    if (ctx.isDryRun) {
      ctx.logger.info(`Dry run: would push the workspace to ${t.owner}/${t.repo}@${i.defaultBranch}`);
      ctx.output('commitHash', '0000000000000000000000000000000000000000');
      return;
    }
    const sha = await ctx.checkpoint('push', async () => {
      let defaultBranch: string | undefined;
      try {
        const { data: repo } = await t.client.rest.repos.get({ owner: t.owner, repo: t.repo });
        defaultBranch = repo.default_branch;
        const head = await t.client.rest.git.getRef({ owner: t.owner, repo: t.repo, ref: `heads/${repo.default_branch}` }).then(
          (r) => r.data.object.sha,
          () => null,
        );
        const commit = await pushWorkspace(t, ctx.workspacePath, {
          sourcePath: i.sourcePath,
          branch: i.defaultBranch,
          message: i.gitCommitMessage,
          author: gitAuthor(i.gitAuthorName, i.gitAuthorEmail),
          parent: head,
          branchExists: repo.default_branch === i.defaultBranch ? head !== null : undefined,
        });
        if (repo.default_branch !== i.defaultBranch)
          await t.client.rest.repos.update({ owner: t.owner, repo: t.repo, default_branch: i.defaultBranch });
        if (head && repo.default_branch !== i.defaultBranch)
          await t.client.rest.git.deleteRef({ owner: t.owner, repo: t.repo, ref: `heads/${repo.default_branch}` });
        return commit;
      } catch (err) {
        const { status, message } = err as { status?: number; message?: string };
        if (status === 422 && /not a fast forward/i.test(message ?? ''))
          throw new ActionError(
            `the branch ${i.defaultBranch} of ${t.owner}/${t.repo} has commits that ${defaultBranch} does not; github:repo:push adds its commit on top of ${defaultBranch} and never writes over another branch: set defaultBranch to ${defaultBranch} or to a branch that does not exist`,
          );
        throw explainRepoError(err, t, 'push to');
      }
    });
    if (i.protectDefaultBranch)
      await protectBranch(t, i.defaultBranch, i, i.protectEnforceAdmins).catch((err: unknown) =>
        Promise.reject(explainRepoError(err, t, 'protect the default branch of')),
      );
    ctx.logger.info(`Pushed ${sha.slice(0, 7)} to ${t.owner}/${t.repo}@${i.defaultBranch}`);
    ctx.output('commitHash', sha);
  },
});
