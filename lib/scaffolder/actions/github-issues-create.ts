import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput, webUrl } from '../github';
import { defineAction } from './types';

// Backstage's github:issues:create: an issue (an onboarding checklist, say) in a repository.

export const githubIssuesCreateAction = defineAction({
  id: 'github:issues:create',
  description: 'Creates an issue on GitHub.',
  input: z.object({
    repoUrl: z.string().min(1),
    title: z.string().min(1).describe('The title of the issue'),
    body: z.string().optional().describe('The contents of the issue (Markdown)'),
    assignees: z.array(z.string()).optional().describe('Logins to assign (people with push access)'),
    milestone: z.union([z.string(), z.number()]).optional().describe('The number of a milestone'),
    labels: z.array(z.string()).optional(),
    token: tokenInput,
  }),
  output: z.object({ issueUrl: z.string(), issueNumber: z.number() }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    if (ctx.isDryRun) {
      // Backstage's dry run answers issue 42.
      ctx.logger.info(`Dry run: would create the issue "${i.title}" in ${t.owner}/${t.repo}`);
      ctx.output('issueUrl', webUrl(t, 'issues', '42'));
      ctx.output('issueNumber', 42);
      return;
    }
    const issue = await ctx.checkpoint('issue', async () => {
      try {
        const { data } = await t.client.rest.issues.create({
          owner: t.owner,
          repo: t.repo,
          title: i.title,
          body: i.body,
          assignees: i.assignees,
          milestone: i.milestone,
          labels: i.labels,
        });
        return { url: data.html_url, number: data.number };
      } catch (err) {
        throw explainRepoError(err, t, `create the issue "${i.title}" in`);
      }
    });
    ctx.output('issueUrl', issue.url);
    ctx.output('issueNumber', issue.number);
    ctx.logger.info(`Created issue #${issue.number}: ${issue.url}`);
  },
});
