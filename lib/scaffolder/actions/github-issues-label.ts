import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput } from '../github';
import { defineAction } from './types';

// Backstage's github:issues:label: labels an issue or pull request (publish:github:pull-request's
// pullRequestNumber, say). As there, a refusal is logged and the step goes on.

export const githubIssuesLabelAction = defineAction({
  id: 'github:issues:label',
  description: 'Adds labels to a GitHub issue or pull request.',
  input: z.object({
    repoUrl: z.string().min(1),
    number: z.number().int().positive().describe('The issue or pull request number'),
    labels: z.array(z.string().min(1)).describe('Labels to add (GitHub creates one the repository lacks)'),
    token: tokenInput,
  }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const full = `${t.owner}/${t.repo}`;
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would label ${full}#${i.number} ${i.labels.join(', ')}`);
    try {
      await ctx.checkpoint('labels', () =>
        t.client.rest.issues.addLabels({ owner: t.owner, repo: t.repo, issue_number: i.number, labels: i.labels }).then(() => undefined),
      );
      ctx.logger.info(`Labelled ${full}#${i.number} ${i.labels.join(', ')}`);
    } catch (err) {
      ctx.logger.warn(`Could not label ${full}#${i.number}: ${explainRepoError(err, t, `label #${i.number} of`).message}`);
    }
  },
});
