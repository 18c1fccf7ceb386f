import 'server-only';
import { subscriptions as catalogSubscriptions } from '@/lib/catalog/subscriptions';
import { subscriptions as docsSubscriptions } from '@/lib/docs/subscriptions';
import { subscriptions as insightsSubscriptions } from '@/lib/insights/subscriptions';
import { subscriptions as scorecardsSubscriptions } from '@/lib/scorecards/subscriptions';
import { dispatchDelivery, type SubscriberTable } from '@/lib/github/webhooks/dispatch';
import { webhookDeliverySchema, type WebhookEventName } from '@/lib/github/webhooks/events';
import { receiveWebhook, type DeliveryOutcome } from '@/lib/github/webhooks/receive';
import { defineJob } from '@/lib/jobs/define-job';

// A GitHub webhook, start to end:
//   app/api/webhooks/github/route.ts → receiveGithubWebhook (lib/github/webhooks/receive.ts: verify
//   the signature, check the payload, record the delivery and queue its job in one transaction)
//   → processDeliveryJob → each subscriber of the event below, in order (dispatch.ts records the
//   outcome on the delivery).
// A domain reacts to an event by exporting it from lib/<domain>/subscriptions.ts and being listed here.

const catalog = { domain: 'catalog', subscriptions: catalogSubscriptions };
const docs = { domain: 'docs', subscriptions: docsSubscriptions };
const insights = { domain: 'insights', subscriptions: insightsSubscriptions };
const scorecards = { domain: 'scorecards', subscriptions: scorecardsSubscriptions };

/**
 * Event → the domains that react to it, in order: docs and scorecards read the entities the catalog
 * just re-read.
 */
export const SUBSCRIBERS = {
  push: [catalog, docs, scorecards],
  repository: [catalog, insights, scorecards],
  deployment_status: [insights],
  workflow_run: [insights, scorecards],
  branch_protection_rule: [scorecards],
  pull_request: [catalog, scorecards],
  organization: [catalog],
  membership: [catalog],
  team: [catalog],
  installation: [catalog],
  installation_repositories: [catalog],
  // Recorded and processed, so a new webhook's test delivery shows as processed.
  ping: [],
} satisfies SubscriberTable;

/** Runs a delivery's subscribers; a failure is recorded on the delivery and retried by the queue. */
export const processDeliveryJob = defineJob({
  name: 'github.process-delivery',
  schema: webhookDeliverySchema,
  concurrency: 2,
  run: (delivery) => dispatchDelivery(SUBSCRIBERS, delivery),
});

const HANDLED_EVENTS = Object.keys(SUBSCRIBERS) as WebhookEventName[];

export function receiveGithubWebhook(headers: Headers, body: Buffer): Promise<DeliveryOutcome> {
  return receiveWebhook(headers, body, { job: processDeliveryJob, events: HANDLED_EVENTS });
}
