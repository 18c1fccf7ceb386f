'use server';

import { revalidatePath } from 'next/cache';
import { entityHref } from '@/lib/catalog/entity-href';
import { authorizeEntity } from '@/lib/auth/authorize';
import { createAction } from '@/lib/http/action';
import { editEntity } from './edit-entity';
import { getEntityLinks } from './queries';
import { entityEditSchema, patchOfFields } from './schema';

// "Edit ownership": createAction authenticates, parses and checks the role; the lead-of-the-owning-
// group check on this entity runs before anything is read from or written to its source.

export const editEntityAction = createAction(
  { name: 'editEntity', schema: entityEditSchema, permission: 'catalog.entity.update' },
  async (input, actor) => {
    await authorizeEntity(actor, 'catalog.entity.update', input.entityRef);
    const patch = patchOfFields(input, await getEntityLinks(input.entityRef));
    const outcome = await editEntity(input.entityRef, patch, actor);
    if (outcome.status !== 'unchanged') {
      revalidatePath(entityHref(input.entityRef));
      if (outcome.status === 'updated') revalidatePath('/catalog');
    }
    return outcome.status === 'pull-request'
      ? { status: outcome.status, prNumber: outcome.prNumber, prUrl: outcome.prUrl, fields: outcome.changes.map((c) => c.field) }
      : { status: outcome.status, fields: outcome.changes.map((c) => c.field) };
  },
);
