import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { defineJob } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';
import { buildDocs, type SnapshotCache } from './mutations';
import { TECHDOCS_REF } from './source-of';

/** Builds one entity's docs (incremental: unchanged pages are kept). */
export const buildDocsJob = defineJob({
  name: 'docs.build',
  schema: z.object({ entityRef: z.string().min(3) }),
  run: async ({ entityRef }) => {
    await buildDocs(entityRef);
  },
});

/** Rebuilds every documented entity: catches up on changes no webhook reported (local folders, missed pushes). */
export const reconcileDocsJob = defineJob({
  name: 'docs.reconcile',
  schema: z.object({}).passthrough(),
  queue: { policy: 'singleton' },
  run: async () => {
    const prisma = await getPrisma();
    const rows = await prisma.entity.findMany({
      where: { search: { some: { key: `metadata.annotations.${TECHDOCS_REF}` } } },
      select: { ref: true },
    });
    const snapshots: SnapshotCache = new Map();
    for (const { ref } of rows) {
      try {
        await buildDocs(ref, { snapshots });
      } catch (err) {
        getLogger().error({ err, entityRef: ref }, 'docs build failed');
      }
    }
  },
});
