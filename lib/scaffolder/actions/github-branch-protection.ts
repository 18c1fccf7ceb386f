import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput } from '../github';
import { branchRulesInput, protectBranch } from './publish-github';
import { defineAction } from './types';

// Backstage's github:branch-protection:create: protects a branch of a repository that exists (the
// default branch unless `branch` names another), with the protection inputs of publish:github.

export const githubBranchProtectionAction = defineAction({
  id: 'github:branch-protection:create',
  description: 'Protects a branch of an existing GitHub repository.',
  input: z.object({
    repoUrl: z.string().min(1),
    branch: z.string().optional().describe("The branch to protect (default: the repository's default branch)"),
    enforceAdmins: z.boolean().default(true).describe('The rules apply to admins too'),
    ...branchRulesInput,
    token: tokenInput,
  }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would protect ${i.branch ?? 'the default branch'} of ${t.owner}/${t.repo}`);
    try {
      const branch = i.branch ?? (await t.client.rest.repos.get({ owner: t.owner, repo: t.repo })).data.default_branch;
      await protectBranch(t, branch, i, i.enforceAdmins);
      ctx.logger.info(`Protected ${branch} of ${t.owner}/${t.repo}`);
    } catch (err) {
      throw explainRepoError(err, t, 'protect a branch of');
    }
  },
});
