import 'server-only';
import { authorizeEntity, currentActor } from '@/lib/auth/authorize';
import { isAppError } from '@/lib/errors';

// Shared by the entity page and its Docs tab: route segments and what the viewer may do.

export function decodeSegment(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A stray '%' in the URL: use the segment as written.
    return s;
  }
}

/** Whether to offer edits (Edit ownership, Rebuild docs): the actions check again on the server. */
export async function canEditEntity(ref: string): Promise<boolean> {
  try {
    await authorizeEntity(await currentActor(), 'catalog.entity.update', ref);
    return true;
  } catch (err) {
    if (isAppError(err)) return false;
    throw err;
  }
}

/** The EntityHeader fields of an entity. */
export function headerFields(entity: { kind: string; metadata: { namespace?: string; name: string; title?: unknown }; spec?: unknown }) {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: typeof entity.metadata.title === 'string' ? entity.metadata.title : null,
    type: typeof spec.type === 'string' ? spec.type : null,
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
  };
}
