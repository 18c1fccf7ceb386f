import 'server-only';
import { getPrisma } from '@/lib/db/client';
import type { Subscriptions } from '@/lib/github/webhooks/dispatch';
import { filePathInRepo, pushedChanges, repoOf, type WebhookEvent } from '@/lib/github/webhooks/events';
import { getLogger } from '@/lib/observability/logger';
import { docsRoot, touchesDocs } from './model/docs-changes';
import { buildDocs } from './mutations';
import { TECHDOCS_REF } from './source-of';

// How docs follow GitHub (wired by lib/runtime's subscriber table, after the catalog, so the
// entities read here are the ones the push just re-read).
export const subscriptions = {
  push: rebuildPushedDocs,
} satisfies Subscriptions;

/**
 * A push that changed an entity's docs sources (its `dir:` techdocs-ref folder on the pushed
 * branch) marks its docs stale (DocsState) and rebuilds them now, in the push's own job (a further
 * queued job would add the queue's pick-up delay); each entity's failure is isolated and logged.
 */
async function rebuildPushedDocs(payload: WebhookEvent<'push'>): Promise<void> {
  const repo = repoOf(payload);
  const pushed = pushedChanges(payload);
  if (!repo || !pushed || pushed.changed.size === 0) return;
  const prisma = await getPrisma();
  const entities = await prisma.entity.findMany({
    where: { location: { type: 'url', target: { startsWith: `${repo.htmlUrl}/blob/`, mode: 'insensitive' } } },
    select: { ref: true, body: true, location: { select: { target: true } } },
  });
  // docs_dir as the last build read it from mkdocs.yml (a push to mkdocs.yml is seen in any case).
  const sites = await prisma.docsSite.findMany({
    where: { entityRef: { in: entities.map((e) => e.ref) } },
    select: { entityRef: true, docsDir: true },
  });
  const docsDirs = new Map(sites.map((s) => [s.entityRef, s.docsDir]));
  const now = new Date();
  for (const e of entities) {
    const rest = filePathInRepo(e.location!.target, repo.htmlUrl);
    if (rest === null || !rest.startsWith(`${pushed.branch}/`)) continue;
    const descriptor = rest.slice(pushed.branch.length + 1);
    const annotations = (e.body as { metadata?: { annotations?: Record<string, unknown> } }).metadata?.annotations;
    const root = docsRoot(descriptor, annotations?.[TECHDOCS_REF]);
    if (root === null || !touchesDocs(root, pushed.changed, docsDirs.get(e.ref))) continue;
    await prisma.docsState.upsert({
      where: { entityRef: e.ref },
      create: { entityRef: e.ref, changedAt: now, commitSha: payload.after },
      update: { changedAt: now, commitSha: payload.after },
    });
    try {
      await buildDocs(e.ref);
    } catch (err) {
      getLogger().error({ err, entityRef: e.ref }, 'docs rebuild after a push failed');
    }
  }
}
