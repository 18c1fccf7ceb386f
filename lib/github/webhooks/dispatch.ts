import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import type { WebhookDelivery, WebhookEvent, WebhookEventName } from './events';

// A delivery's way out of the adapter: each domain that subscribed to its event reacts, in the
// order of the subscriber table (lib/runtime), and the outcome is recorded on the delivery.

export type DeliveryContext = { deliveryId: string };

/** What a domain exports from lib/<domain>/subscriptions.ts: its reaction to each event, by GitHub's event name. */
export type Subscriptions = { [E in WebhookEventName]?: (payload: WebhookEvent<E>, ctx: DeliveryContext) => Promise<void> };

export type Subscriber = { domain: string; subscriptions: Subscriptions };

/** Event → the domains that react to it, in order; a domain listed for an event must handle it. */
export type SubscriberTable = { [E in WebhookEventName]?: readonly (Subscriber & { subscriptions: Required<Pick<Subscriptions, E>> })[] };

/**
 * Runs every subscriber of the delivery's event, one after the other: a later one may rely on an
 * earlier one's writes (docs read the entities the catalog just re-read). One subscriber's failure
 * does not stop the others; the failures are recorded on the delivery ("docs: …") and thrown
 * together, so the queue retries the delivery, which runs all its subscribers again (each reaction
 * is idempotent: it re-reads GitHub and converges on the same state).
 */
export async function dispatchDelivery(table: SubscriberTable, delivery: WebhookDelivery): Promise<void> {
  const ctx: DeliveryContext = { deliveryId: delivery.deliveryId };
  // The table's type ties each event to handlers of that event's payload; TypeScript cannot follow
  // the correlation through the union `delivery`, hence the widened handler type here.
  const subscribers = (table[delivery.event] ?? []) as readonly Subscriber[];
  const failures: string[] = [];
  for (const { domain, subscriptions } of subscribers) {
    const react = subscriptions[delivery.event] as ((payload: unknown, ctx: DeliveryContext) => Promise<void>) | undefined;
    try {
      await react?.(delivery.payload, ctx);
    } catch (err) {
      getLogger().error({ err, delivery: delivery.deliveryId, event: delivery.event, domain }, 'webhook subscriber failed');
      failures.push(`${domain}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const prisma = await getPrisma();
  const error = failures.length ? failures.join('\n').slice(0, 2000) : null;
  await prisma.webhookDelivery.update({
    where: { id: delivery.deliveryId },
    data: { status: error ? 'failed' : 'processed', error, processedAt: new Date() },
  });
  if (error)
    throw new Error(`webhook delivery ${delivery.deliveryId} (${delivery.event}): ${failures.length} subscriber(s) failed:\n${error}`);
}
