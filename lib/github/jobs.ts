import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';
import { GITHUB_CACHE_DAYS, pruneGithubResponseCache } from './client';

/** Daily: cached GitHub answers nobody used for GITHUB_CACHE_DAYS go (README "GitHub"). */
export const pruneGithubCacheJob = defineJob({
  name: 'github.prune-cache',
  schema: z.object({}),
  queue: { policy: 'singleton' },
  run: async () => {
    const deleted = await pruneGithubResponseCache();
    getLogger().info({ deleted, days: GITHUB_CACHE_DAYS }, 'GitHub response cache pruned');
  },
});
