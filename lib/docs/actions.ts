'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { entityHref } from '@/lib/catalog';
import { tryParseEntityRef } from '@/lib/catalog/model';
import { AppError } from '@/lib/errors';
import { createAction } from '@/lib/auth/action';
import { entityRecord } from '@/lib/auth/records';
import { buildDocs } from './mutations';

const rebuildSchema = z.object({
  entityRef: z
    .string()
    .trim()
    .min(3)
    .max(600)
    .refine((r) => tryParseEntityRef(r) !== null, 'not an entity ref (kind:namespace/name)'),
});

/** "Rebuild" on the Docs tab: admins and leads of the owning group (the same check as editing the entity). */
export const rebuildDocsAction = createAction(
  {
    name: 'rebuildDocs',
    schema: rebuildSchema,
    access: ({ entityRef }) => ({ permission: 'catalog.entity.update', record: entityRecord(entityRef) }),
  },
  async (_input, { record: { ref } }) => {
    const result = await buildDocs(ref);
    if (!result.ok && /has no backstage.io\/techdocs-ref/.test(result.message)) throw new AppError('NOT_FOUND', result.message);
    revalidatePath(entityHref(ref, '/docs'), 'layout');
    revalidatePath('/docs');
    revalidatePath('/problems');
    return result;
  },
);
