import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { defineJob } from '@/lib/jobs/define-job';
import { ingestLocationTree } from './ingest/ingest-location';
import { syncConfigLocations } from './location-admin';

/** Re-reads one location (and the locations it declares). */
export const ingestLocationJob = defineJob({
  name: 'catalog.ingest-location',
  schema: z.object({ locationId: z.uuid() }),
  run: async ({ locationId }) => {
    await ingestLocationTree(locationId);
  },
});

/**
 * The reconciliation pass: makes config locations match the config file, then re-reads every root
 * location. Webhooks make the catalog fast; this makes it right after anything was missed.
 */
export const reconcileCatalogJob = defineJob({
  name: 'catalog.reconcile',
  schema: z.object({}).passthrough(),
  queue: { policy: 'singleton' },
  run: async () => {
    await syncConfigLocations();
    const prisma = await getPrisma();
    const roots = await prisma.location.findMany({ where: { parentId: null }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    for (const root of roots) await ingestLocationTree(root.id);
  },
});
