import 'server-only';
import { authorizeEntity, currentActor } from '@/lib/auth/authorize';
import { isAppError } from '@/lib/errors';
import { repositoryOf } from '@/lib/catalog/model';
import { githubIntegrations } from '@/lib/github/integrations';
import { TECHDOCS_REF } from '@/lib/docs';
import { ENTITY_TABS, type EntityTab } from './entity-tabs';

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

type TabEntity = { kind: string; metadata: { annotations?: Record<string, string> } };

/**
 * The entity's tabs: Definition for an API, Docs with a techdocs-ref, and CI/CD and Pull requests, once a GitHub
 * integration is configured, for an entity naming its GitHub repository (github.com/project-slug)
 * or a Component read from one (whether the slug is believed, and whether an integration serves its
 * host, the tab says: repository-of.ts, workflow-runs.ts).
 */
export function entityTabsOf(entity: TabEntity): EntityTab[] {
  const annotations = entity.metadata.annotations ?? {};
  const kind = entity.kind.toLowerCase();
  const repository = repositoryOf(entity, true);
  const repositoryTabs =
    githubIntegrations().length > 0 && repository !== null && (kind === 'component' || 'github.com/project-slug' in annotations);
  return ENTITY_TABS.filter(
    (t) =>
      (t !== 'definition' || kind === 'api') &&
      (t !== 'docs' || typeof annotations[TECHDOCS_REF] === 'string') &&
      ((t !== 'ci' && t !== 'pulls') || repositoryTabs),
  );
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
