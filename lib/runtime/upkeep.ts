import 'server-only';
import { z } from 'zod';
import { pruneExpiredSessions } from '@/lib/auth/sessions';
import { GITHUB_CACHE_DAYS, pruneGithubResponseCache } from '@/lib/github/client';
import { defineJob } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';

/**
 * Daily upkeep of tables that only grow otherwise: cached GitHub answers nobody used for
 * GITHUB_CACHE_DAYS (README "GitHub"), and expired sessions nobody presented again.
 */
export const dailyUpkeepJob = defineJob({
  name: 'runtime.daily-upkeep',
  schema: z.object({}),
  queue: { policy: 'singleton' },
  run: async () => {
    const githubAnswers = await pruneGithubResponseCache();
    const sessions = await pruneExpiredSessions();
    getLogger().info(
      { githubAnswers, githubCacheDays: GITHUB_CACHE_DAYS, sessions },
      'daily upkeep: unused GitHub answers and expired sessions deleted',
    );
  },
});
