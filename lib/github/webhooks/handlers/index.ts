import 'server-only';
import { handleInstallation } from './installation';
import { handleOrgChange } from './org-change';
import { handlePullRequest } from './pull-request';
import { handlePush } from './push';
import { handleRepository } from './repository';
import { subscriptions as scorecardSubscriptions } from '@/lib/scorecards/subscriptions';

// One handler per event (https://docs.github.com/en/webhooks/webhook-events-and-payloads); every
// other event is answered 202 and ignored.
const HANDLERS = {
  push: handlePush,
  repository: handleRepository,
  organization: handleOrgChange,
  membership: handleOrgChange,
  team: handleOrgChange,
  pull_request: handlePullRequest,
  installation: handleInstallation,
  installation_repositories: handleInstallation,
  // Scorecards' repository facts (lib/scorecards/subscriptions.ts, called from handleDelivery).
  workflow_run: async () => {},
  branch_protection_rule: async () => {},
  ping: async () => {},
} satisfies Record<string, (payload: Record<string, unknown>) => Promise<void>>;

export const HANDLED_EVENTS = Object.keys(HANDLERS) as (keyof typeof HANDLERS)[];

export async function handleDelivery(event: string, payload: Record<string, unknown>, deliveryId = ''): Promise<void> {
  const handler = HANDLERS[event as keyof typeof HANDLERS];
  if (handler) await handler(payload);
  // SUBSCRIBERS (until lib/runtime's subscriber table lands; the lead rewires this at merge):
  await scorecardSubscriptions[event as keyof typeof scorecardSubscriptions]?.(payload, { deliveryId });
}
