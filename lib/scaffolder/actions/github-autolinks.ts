import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput } from '../github';
import { defineAction } from './types';

// Backstage's github:autolinks:create: `JIRA-123` in an issue, pull request or commit links to the tracker.

export const githubAutolinksAction = defineAction({
  id: 'github:autolinks:create',
  description: 'Creates an autolink reference on a GitHub repository.',
  input: z.object({
    repoUrl: z.string().min(1),
    keyPrefix: z.string().min(1).describe('The prefix that makes a reference (JIRA-)'),
    urlTemplate: z.string().includes('<num>').describe('The link, with <num> for the reference'),
    isAlphanumeric: z.boolean().default(true).describe('<num> matches letters, digits and "-" (false: digits only)'),
    token: tokenInput,
  }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const full = `${t.owner}/${t.repo}`;
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would link ${i.keyPrefix}<num> to ${i.urlTemplate} in ${full}`);
    await ctx.checkpoint('autolink', () =>
      t.client.rest.repos
        .createAutolink({
          owner: t.owner,
          repo: t.repo,
          key_prefix: i.keyPrefix,
          url_template: i.urlTemplate,
          is_alphanumeric: i.isAlphanumeric,
        })
        .then(
          () => undefined,
          (err: unknown) => Promise.reject(explainRepoError(err, t, `add the autolink ${i.keyPrefix} to`)),
        ),
    );
    ctx.logger.info(`${full} links ${i.keyPrefix}<num> to ${i.urlTemplate}`);
  },
});
