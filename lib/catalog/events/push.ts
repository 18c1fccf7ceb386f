import 'server-only';
import path from 'node:path';
import { integrationForUrl } from '@/lib/github/integrations';
import { orgUrlOf, pushedChanges, repoOf, type WebhookEvent } from '@/lib/github/webhooks/events';
import { getLogger } from '@/lib/observability/logger';
import { ingestLocationTree, ingestNewChildren } from '../ingest/ingest-location';
import { parseDiscoveryTarget } from '../sources/github-discovery';
import { orgLocations, urlLocationsOfRepo } from './locations-of';

/**
 * A push re-reads the locations whose descriptor (or a file beside it, such as a `$text` API
 * definition) changed on that branch, and turns a catalog file added in a discovered
 * organisation into a location at once, rather than at the next reconciliation.
 */
export async function onPush(payload: WebhookEvent<'push'>): Promise<void> {
  const repo = repoOf(payload);
  const pushed = pushedChanges(payload);
  if (!repo || !pushed || pushed.changed.size === 0) return;
  const { branch, added, changed } = pushed;

  const locations = (await urlLocationsOfRepo(repo.htmlUrl)).filter((l) => l.branch === branch);
  const touched = locations.filter((l) => {
    const dir = path.posix.dirname(l.path);
    return [...changed].some((f) => f === l.path || dir === '.' || f.startsWith(`${dir}/`));
  });
  for (const loc of touched) await ingestLocationTree(loc.id);

  if (branch !== repo.defaultBranch) return;
  const orgUrl = orgUrlOf(payload);
  const integration = integrationForUrl(repo.htmlUrl);
  if (!orgUrl || !integration) return;
  for (const discovery of await orgLocations('github-discovery', orgUrl)) {
    const spec = parseDiscoveryTarget(discovery.target, integration.webBaseUrl);
    const isNew = added.has(spec.path) && !locations.some((l) => l.path === spec.path);
    if (!isNew || !spec.matchesRepo(repo.name)) continue;
    await ingestNewChildren(discovery.id);
    getLogger().info({ repository: `${repo.owner}/${repo.name}` }, 'catalog file added: location discovered from push');
  }
}
