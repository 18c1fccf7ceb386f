import 'server-only';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { orgLocations, orgUrlOf } from './locations-of';

/** organization / membership / team events: re-read the organisation's github-org locations. */
export async function handleOrgChange(payload: Record<string, unknown>): Promise<void> {
  const orgUrl = orgUrlOf(payload);
  if (!orgUrl) return;
  for (const loc of await orgLocations('github-org', orgUrl)) await ingestLocationTree(loc.id);
}
