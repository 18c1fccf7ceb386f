import 'server-only';
import { orgUrlOf, type WebhookEvent } from '@/lib/github/webhooks/events';
import { ingestLocationTree } from '../ingest/ingest-location';
import { orgLocations } from './locations-of';

/** organization / membership / team events: re-read the organisation's github-org locations. */
export async function onOrgChange(payload: WebhookEvent<'organization' | 'membership' | 'team'>): Promise<void> {
  const orgUrl = orgUrlOf(payload);
  if (!orgUrl) return;
  for (const loc of await orgLocations('github-org', orgUrl)) await ingestLocationTree(loc.id);
}

/** A GitHub App installed, or given more repositories: discover them, and sync the organisation, now. */
export async function onInstallation(payload: WebhookEvent<'installation' | 'installation_repositories'>): Promise<void> {
  const orgUrl = orgUrlOf(payload);
  if (!orgUrl) return;
  for (const loc of [...(await orgLocations('github-discovery', orgUrl)), ...(await orgLocations('github-org', orgUrl))]) {
    await ingestLocationTree(loc.id);
  }
}
