import 'server-only';
import { getLogger } from '@/lib/observability/logger';
import { buildDocs } from './mutations';

/**
 * A push changed the docs sources of these entities: rebuild them now, in the push's own job (a
 * further queued job would add the queue's pick-up delay), each failure isolated and logged.
 */
export async function rebuildDocsAfterPush(entityRefs: string[]): Promise<void> {
  for (const ref of entityRefs) {
    try {
      await buildDocs(ref);
    } catch (err) {
      getLogger().error({ err, entityRef: ref }, 'docs rebuild after a push failed');
    }
  }
}
