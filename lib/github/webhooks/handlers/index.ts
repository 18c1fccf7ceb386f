import 'server-only';
import { handleInstallation } from './installation';
import { handleOrgChange } from './org-change';
import { handlePullRequest } from './pull-request';
import { handlePush } from './push';
import { handleRepository } from './repository';
// insights: subscribed directly until lib/runtime's subscriber table lands (issue #11); the lead rewires it at merge.
import { subscriptions as insightsSubscriptions } from '@/lib/insights/subscriptions';

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
  ping: async () => {},
} satisfies Record<string, (payload: Record<string, unknown>) => Promise<void>>;

export const HANDLED_EVENTS = [...new Set([...Object.keys(HANDLERS), ...Object.keys(insightsSubscriptions)])];

export async function handleDelivery(event: string, payload: Record<string, unknown>, deliveryId: string): Promise<void> {
  const handler = HANDLERS[event as keyof typeof HANDLERS];
  if (handler) await handler(payload);
  await insightsSubscriptions[event]?.(payload, { deliveryId }); // insights (see the import)
}
