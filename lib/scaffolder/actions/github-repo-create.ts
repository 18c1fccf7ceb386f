import 'server-only';
import { z } from 'zod';
import { repoTarget, webUrl } from '../github';
import { configureRepository, createRepository, grantAccess, repoCreateInput } from './publish-github';
import { defineAction } from './types';

// Backstage's github:repo:create: the repository alone (github:repo:push fills it).

export const githubRepoCreateAction = defineAction({
  id: 'github:repo:create',
  description: 'Creates a GitHub repository (without pushing anything).',
  input: z.object(repoCreateInput),
  output: z.object({ remoteUrl: z.string(), repoContentsUrl: z.string() }),
  async handler(ctx) {
    const t = await repoTarget(ctx, ctx.input.repoUrl, ctx.input.token);
    if (ctx.isDryRun) ctx.logger.info(`Dry run: would create ${ctx.input.repoVisibility} repository ${t.owner}/${t.repo}`);
    else {
      const created = await createRepository(ctx, t);
      await grantAccess(ctx, t);
      await configureRepository(ctx, t);
      ctx.output('repoContentsUrl', webUrl(t, 'blob', created.defaultBranch));
    }
    ctx.output('remoteUrl', `${webUrl(t)}.git`);
  },
});
