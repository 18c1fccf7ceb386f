import 'server-only';
import { z } from 'zod';
import { parseEntityRef, stringifyEntityRef } from '@/lib/catalog/model';
import { getEntitiesByRefs } from '@/lib/catalog';
import { ActionError, defineAction } from './types';

// Backstage's catalog:fetch: reads entities from the catalog for later steps.

export const catalogFetchAction = defineAction({
  id: 'catalog:fetch',
  description: 'Returns an entity (entityRef) or entities (entityRefs) from the catalog.',
  input: z
    .object({
      entityRef: z.string().optional(),
      entityRefs: z.array(z.string()).optional(),
      optional: z.boolean().default(false).describe('Return nothing instead of failing when an entity is missing'),
      defaultKind: z.string().optional(),
      defaultNamespace: z.string().optional(),
    })
    .refine((i) => i.entityRef || i.entityRefs, { message: 'give entityRef or entityRefs' }),
  output: z.object({ entity: z.unknown().optional(), entities: z.array(z.unknown()).optional() }),
  async handler(ctx) {
    const i = ctx.input;
    const canonical = (ref: string) => {
      try {
        return stringifyEntityRef(parseEntityRef(ref, { defaultKind: i.defaultKind, defaultNamespace: i.defaultNamespace }));
      } catch (err) {
        throw new ActionError(`catalog:fetch: ${(err as Error).message}`);
      }
    };
    const refs = i.entityRef ? [canonical(i.entityRef)] : i.entityRefs!.map(canonical);
    const found = await getEntitiesByRefs(refs);
    const missing = refs.filter((_, n) => !found[n]);
    if (missing.length && !i.optional) throw new ActionError(`catalog:fetch: not in the catalog: ${missing.join(', ')}`);
    if (i.entityRef) ctx.output('entity', found[0] ?? null);
    else ctx.output('entities', found);
  },
});
