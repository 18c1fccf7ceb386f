import 'server-only';
import path from 'node:path';
import { ingestLocationTree, ingestNewChildren } from '@/lib/catalog/ingest/ingest-location';
import { getPrisma } from '@/lib/db/client';
import { rebuildDocsAfterPush } from '@/lib/docs';
import { getLogger } from '@/lib/observability/logger';
import { docsRoot, touchesDocs } from './docs-changes';
import { parseDiscoveryTarget } from '../../sources/discovery';
import { integrationForUrl } from '../../integrations';
import { orgLocations, orgUrlOf, repoOf, urlLocationsOfRepo } from './locations-of';

type Commit = { added?: string[]; modified?: string[]; removed?: string[] };

/**
 * A push re-reads the locations whose descriptor (or a file beside it, such as a `$text` API
 * definition) changed on that branch, and turns a catalog file added in a discovered
 * organisation into a location at once, rather than at the next reconciliation. Changed docs
 * sources mark the entity's docs stale.
 */
export async function handlePush(payload: Record<string, unknown>): Promise<void> {
  const repo = repoOf(payload);
  const ref = typeof payload.ref === 'string' ? payload.ref : '';
  if (!repo || !ref.startsWith('refs/heads/') || payload.deleted === true) return;
  const branch = ref.slice('refs/heads/'.length);
  const commits = [...((payload.commits as Commit[] | undefined) ?? []), ...(payload.head_commit ? [payload.head_commit as Commit] : [])];
  const added = new Set(commits.flatMap((c) => c.added ?? []));
  const changed = new Set([...added, ...commits.flatMap((c) => [...(c.modified ?? []), ...(c.removed ?? [])])]);
  if (changed.size === 0) return;

  const locations = (await urlLocationsOfRepo(repo.htmlUrl)).filter((l) => l.branch === branch);
  const touched = locations.filter((l) => {
    const dir = path.posix.dirname(l.path);
    return [...changed].some((f) => f === l.path || dir === '.' || f.startsWith(`${dir}/`));
  });
  for (const loc of touched) await ingestLocationTree(loc.id);
  await markStaleDocs(locations, changed, typeof payload.after === 'string' ? payload.after : null);

  if (branch !== repo.defaultBranch) return;
  const orgUrl = orgUrlOf(payload);
  const integration = integrationForUrl(repo.htmlUrl);
  if (!orgUrl || !integration) return;
  for (const discovery of await orgLocations('github-discovery', orgUrl)) {
    const spec = parseDiscoveryTarget(discovery.target, integration.webBaseUrl);
    const isNew = added.has(spec.path) && !locations.some((l) => l.path === spec.path);
    if (!isNew || !spec.repoPattern.test(repo.name)) continue;
    await ingestNewChildren(discovery.id);
    getLogger().info({ repository: `${repo.owner}/${repo.name}` }, 'catalog file added: location discovered from push');
  }
}

/** Marks the docs of entities whose docs sources the push changed as stale (DocsState) and rebuilds them. */
async function markStaleDocs(locations: { id: string; path: string }[], changed: Set<string>, commitSha: string | null): Promise<void> {
  const prisma = await getPrisma();
  const entities = await prisma.entity.findMany({ where: { locationId: { in: locations.map((l) => l.id) } }, select: { ref: true, body: true, locationId: true } });
  const now = new Date();
  const changedDocs: string[] = [];
  for (const e of entities) {
    const descriptor = locations.find((l) => l.id === e.locationId)!.path;
    const annotations = (e.body as { metadata?: { annotations?: Record<string, unknown> } }).metadata?.annotations;
    const root = docsRoot(descriptor, annotations?.['backstage.io/techdocs-ref']);
    if (root === null || !touchesDocs(root, changed)) continue;
    await prisma.docsState.upsert({ where: { entityRef: e.ref }, create: { entityRef: e.ref, changedAt: now, commitSha }, update: { changedAt: now, commitSha } });
    changedDocs.push(e.ref);
  }
  await rebuildDocsAfterPush(changedDocs);
}
