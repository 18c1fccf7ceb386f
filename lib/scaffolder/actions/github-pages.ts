import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput } from '../github';
import { defineAction } from './types';

// Backstage's github:pages:enable: a GitHub Pages site built by a workflow, or (legacy) from a branch's folder.

export const githubPagesAction = defineAction({
  id: 'github:pages:enable',
  description: 'Enables GitHub Pages for a repository.',
  input: z.object({
    repoUrl: z.string().min(1),
    buildType: z.enum(['legacy', 'workflow']).default('workflow').describe('Built by a GitHub Actions workflow, or from the branch'),
    sourceBranch: z.string().default('main'),
    sourcePath: z.enum(['/', '/docs']).default('/'),
    token: tokenInput,
  }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const what = `GitHub Pages for ${t.owner}/${t.repo} ("${i.buildType}" build, from ${i.sourceBranch}:${i.sourcePath})`;
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would enable ${what}`);
    await ctx.checkpoint('pages', () =>
      t.client.rest.repos
        .createPagesSite({ owner: t.owner, repo: t.repo, build_type: i.buildType, source: { branch: i.sourceBranch, path: i.sourcePath } })
        .then(
          () => undefined,
          (err: unknown) => Promise.reject(explainRepoError(err, t, 'enable GitHub Pages for')),
        ),
    );
    ctx.logger.info(`Enabled ${what}`);
  },
});
