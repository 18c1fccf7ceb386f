'use server';

import { revalidatePath } from 'next/cache';
import { entityHref } from '@/lib/catalog/entity-href';
import { createAction } from '@/lib/auth/action';
import { entityRecord } from '@/lib/auth/records';
import { editEntity } from './edit-entity';
import { getEntityLinks } from './queries';
import { entityEditSchema, patchOfFields } from './schema';

// "Edit ownership": createAction authenticates, parses, loads the entity and checks that the actor
// leads its owning group (or is an admin) before anything is read from or written to its source.

export const editEntityAction = createAction(
  {
    name: 'editEntity',
    schema: entityEditSchema,
    access: ({ entityRef }) => ({ permission: 'catalog.entity.update', record: entityRecord(entityRef) }),
  },
  async (input, { actor, record }) => {
    const patch = patchOfFields(input, await getEntityLinks(record.ref));
    const outcome = await editEntity(record.ref, patch, actor);
    if (outcome.status !== 'unchanged') {
      revalidatePath(entityHref(record.ref));
      if (outcome.status === 'updated') revalidatePath('/catalog');
    }
    return outcome.status === 'pull-request'
      ? { status: outcome.status, prNumber: outcome.prNumber, prUrl: outcome.prUrl, fields: outcome.changes.map((c) => c.field) }
      : { status: outcome.status, fields: outcome.changes.map((c) => c.field) };
  },
);
