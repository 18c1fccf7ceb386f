import 'server-only';
import { z } from 'zod';
import { defineJob } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';
import { syncRepositoryInventory } from './inventory';
import { pruneActivity, pruneSearchMisses, snapshotDocsFreshness } from './mutations';

/** Lists the discovered organisations' repositories (and teams' access) into the inventory. */
export const syncInventoryJob = defineJob({
  name: 'insights.sync-inventory',
  schema: z.object({}),
  queue: { policy: 'singleton' },
  run: async () => {
    const { repositories, failures } = await syncRepositoryInventory();
    getLogger().info({ repositories, failures: failures.length }, 'repository inventory synced');
  },
});

/**
 * Daily upkeep: activity and searches that found nothing older than insights.activityRetentionDays
 * go; docs freshness is snapshotted.
 */
export const dailyInsightsJob = defineJob({
  name: 'insights.daily',
  schema: z.object({}),
  queue: { policy: 'singleton' },
  run: async () => {
    const pruned = await pruneActivity();
    const searchMisses = await pruneSearchMisses();
    await snapshotDocsFreshness();
    getLogger().info({ pruned, searchMisses }, 'insights: activity and searches that found nothing pruned, docs freshness recorded');
  },
});
