import 'server-only';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { orgLocations, orgUrlOf } from './locations-of';

/** A GitHub App installed, or given more repositories: discover them now. */
export async function handleInstallation(payload: Record<string, unknown>): Promise<void> {
  const orgUrl = orgUrlOf(payload);
  if (!orgUrl) return;
  for (const loc of [...(await orgLocations('github-discovery', orgUrl)), ...(await orgLocations('github-org', orgUrl))]) {
    await ingestLocationTree(loc.id);
  }
}
