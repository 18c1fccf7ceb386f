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

/** The numbers on the entity's tabs, the same on every tab (the Docs tab's own page too). */
/** The tabs' counts: relations, and problems of the catalog (`data.errors`) and of the docs build. */
export function tabCounts(data: { relations: { targets: unknown[] }[]; errors: unknown[] }, docsProblems = 0) {
  return { relations: data.relations.reduce((n, g) => n + g.targets.length, 0), problems: data.errors.length + docsProblems };
}

/** The EntityHeader fields of an entity; the title is metadata.title, else a person's or group's display name. */
export function headerFields(entity: { kind: string; metadata: { namespace?: string; name: string; title?: unknown }; spec?: unknown }) {
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  return {
    kind: entity.kind,
    namespace: entity.metadata.namespace ?? 'default',
    name: entity.metadata.name,
    title: displayTitle(entity.metadata.title, spec),
    type: typeof spec.type === 'string' ? spec.type : null,
    lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
  };
}

function displayTitle(title: unknown, spec: Record<string, unknown>): string | null {
  if (typeof title === 'string' && title) return title;
  const profile = spec.profile as { displayName?: unknown } | undefined;
  return typeof profile?.displayName === 'string' && profile.displayName ? profile.displayName : null;
}
