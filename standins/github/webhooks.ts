import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';

// Webhook deliveries as GitHub sends them:
// https://docs.github.com/webhooks/webhook-events-and-payloads#delivery-headers

export interface WebhookConfig {
  url: string;
  secret: string;
}

export interface Delivery {
  id: string;
  event: string;
  action: string | null;
  payload: Record<string, unknown>;
  /** The exact bytes signed and sent; a redelivery resends them unchanged. */
  body: string;
  attempts: { at: string; status: number | null; error: string | null; redelivery: boolean }[];
  /** Status of the latest attempt (null while in flight or when the receiver was unreachable). */
  status: number | null;
}

export class WebhookSender {
  readonly hookId = 1;
  readonly deliveries: Delivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(public config: WebhookConfig | null) {}

  /** Records a delivery and sends it when a hook is configured. Never throws into the caller. */
  emit(event: string, payload: Record<string, unknown>): Delivery {
    const body = JSON.stringify(payload);
    const delivery: Delivery = {
      id: randomUUID(),
      event,
      action: typeof payload.action === 'string' ? payload.action : null,
      payload,
      body,
      attempts: [],
      status: null,
    };
    this.deliveries.push(delivery);
    this.send(delivery, false);
    return delivery;
  }

  /** Resends a recorded delivery with the same X-GitHub-Delivery id, as GitHub's "Redeliver" does. */
  redeliver(id: string): Delivery {
    const delivery = this.deliveries.find((d) => d.id === id);
    if (!delivery) throw new Error(`no delivery ${id}`);
    this.send(delivery, true);
    return delivery;
  }

  async flush(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  private send(delivery: Delivery, redelivery: boolean): void {
    const config = this.config;
    if (!config) return;
    const attempt = { at: new Date().toISOString(), status: null as number | null, error: null as string | null, redelivery };
    delivery.attempts.push(attempt);
    const p = (async () => {
      try {
        const res = await fetch(config.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'GitHub-Hookshot/stand-in',
            'x-github-event': delivery.event,
            'x-github-delivery': delivery.id,
            'x-github-hook-id': String(this.hookId),
            'x-github-hook-installation-target-type': 'organization',
            'x-hub-signature-256': await sign(config.secret, delivery.body),
          },
          body: delivery.body,
          signal: AbortSignal.timeout(10_000),
        });
        await res.arrayBuffer();
        attempt.status = res.status;
      } catch (err) {
        attempt.error = err instanceof Error ? err.message : String(err);
      }
      delivery.status = attempt.status;
    })();
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }
}
