import 'server-only';
import { z } from 'zod';
import { ingestLocationTree, registerLocation, resolveRegistrationTarget } from '@/lib/catalog';
import { getPrisma } from '@/lib/db/client';
import { isAppError } from '@/lib/errors';
import { ActionError, defineAction } from './types';

// Backstage's catalog:register, with one difference users notice: the location is ingested inside
// the step, so the new entity is in the catalog when the step ends (not after the next refresh).

export const SOURCE_TEMPLATE_ANNOTATION = 'backstage.io/source-template';

const input = z
  .object({
    catalogInfoUrl: z.string().optional().describe('URL of the catalog-info.yaml to register'),
    repoContentsUrl: z.string().optional().describe("A repository's contents URL (publish:github's repoContentsUrl output)"),
    catalogInfoPath: z.string().default('/catalog-info.yaml').describe('Path of the descriptor inside repoContentsUrl'),
    optional: z.boolean().default(false).describe('Do not fail the task when registration fails'),
  })
  .refine((i) => i.catalogInfoUrl || i.repoContentsUrl, { message: 'give catalogInfoUrl, or repoContentsUrl (with catalogInfoPath)' });

export const catalogRegisterAction = defineAction({
  id: 'catalog:register',
  description: 'Registers a catalog-info.yaml as a location and ingests it now, so its entities are in the catalog when the step ends.',
  input,
  output: z.object({ entityRef: z.string(), catalogInfoUrl: z.string() }),
  async handler(ctx) {
    const i = ctx.input;
    const url = i.catalogInfoUrl ?? `${i.repoContentsUrl!.replace(/\/$/, '')}/${i.catalogInfoPath.replace(/^\//, '')}`;
    ctx.output('catalogInfoUrl', url);
    if (ctx.isDryRun) {
      ctx.logger.info(`Dry run: would register ${url} and ingest it`);
      return;
    }
    const prisma = await getPrisma();
    let locationId: string;
    try {
      const spec = await resolveRegistrationTarget({ type: 'url', target: url });
      const existing = await prisma.location.findUnique({ where: { type_target: spec } });
      // A retry, or a task that registered it before: ingest the location again instead of failing.
      if (existing) {
        locationId = existing.id;
        await ingestLocationTree(existing.id);
      } else locationId = (await registerLocation(spec)).id;
    } catch (err) {
      const message = `could not register ${url}: ${isAppError(err) ? err.message : (err as Error).message}`;
      if (i.optional) {
        ctx.logger.warn(`${message} (optional: continuing)`);
        return;
      }
      throw new ActionError(message);
    }
    const problems = await prisma.processingError.findMany({ where: { locationId }, select: { message: true } });
    const entities = await prisma.entity.findMany({
      where: { locationId },
      select: { ref: true, kind: true, body: true },
      orderBy: { ref: 'asc' },
    });
    if (!entities.length) {
      const why = problems.map((p) => p.message).join('; ') || 'the file holds no entities';
      if (i.optional) return ctx.logger.warn(`${url} was registered but produced no entity: ${why}`);
      throw new ActionError(`${url} was registered but produced no entity: ${why}`);
    }
    for (const p of problems) ctx.logger.warn(p.message);
    const main = entities.find((e) => e.kind === 'Component') ?? entities.find((e) => e.kind !== 'Location') ?? entities[0];
    const annotations = (main.body as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations ?? {};
    if (!annotations[SOURCE_TEMPLATE_ANNOTATION]) {
      ctx.logger.warn(
        `${main.ref} has no ${SOURCE_TEMPLATE_ANNOTATION} annotation; add "${SOURCE_TEMPLATE_ANNOTATION}: ${ctx.templateInfo.entityRef}" to the skeleton's catalog-info.yaml so template adoption can be counted`,
      );
    }
    ctx.logger.info(`Registered ${url}: ${entities.map((e) => e.ref).join(', ')} now in the catalog`);
    ctx.output('entityRef', main.ref);
  },
});
