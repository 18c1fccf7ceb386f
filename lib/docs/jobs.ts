import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { defineJob } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';
import { buildDocs, buildSites, DOCS_ENTITY_SELECT, type SnapshotCache } from './mutations';
import { TECHDOCS_REF } from './source-of';

/** Builds one entity's docs (incremental: unchanged pages are kept). */
export const buildDocsJob = defineJob({
  name: 'docs.build',
  schema: z.object({ entityRef: z.string().min(3) }),
  run: async ({ entityRef }) => {
    await buildDocs(entityRef);
  },
});

/** Entities read per query in a reconciliation pass (their bodies: bounded memory at any catalog size). */
const PASS_PAGE = 500;

/**
 * Rebuilds every documented entity whose build is not current: catches up on changes no webhook
 * reported (local folders, missed pushes). A site is current when its build key is unchanged and no
 * push marked it stale since it was built.
 */
export const reconcileDocsJob = defineJob({
  name: 'docs.reconcile',
  schema: z.object({}).passthrough(),
  queue: { policy: 'singleton' },
  run: async () => {
    const prisma = await getPrisma();
    const snapshots: SnapshotCache = new Map();
    for (let after = ''; ;) {
      const rows = await prisma.entity.findMany({
        where: { ref: { gt: after }, search: { some: { key: `metadata.annotations.${TECHDOCS_REF}` } } },
        select: DOCS_ENTITY_SELECT,
        orderBy: { ref: 'asc' },
        take: PASS_PAGE,
      });
      const refs = rows.map((r) => r.ref);
      const [sites, pushed] = await Promise.all([
        prisma.docsSite.findMany({ where: { entityRef: { in: refs }, failure: null }, select: { entityRef: true, buildKey: true } }),
        prisma.docsState.findMany({ where: { entityRef: { in: refs } }, select: { entityRef: true, builtAt: true, changedAt: true } }),
      ]);
      const built = new Map(sites.flatMap((s) => (s.buildKey === null ? [] : [[s.entityRef, s.buildKey] as const])));
      for (const s of pushed) if (!s.builtAt || s.builtAt < s.changedAt) built.delete(s.entityRef);
      await buildSites(rows, {
        snapshots,
        builtKeys: built,
        onError: (entityRef, err) => getLogger().error({ err, entityRef }, 'docs build failed'),
      });
      if (rows.length < PASS_PAGE) break;
      after = rows[rows.length - 1].ref;
    }
  },
});
