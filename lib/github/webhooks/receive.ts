import 'server-only';
import type { ZodType } from 'zod';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getDb } from '@/lib/db/client';
import { prepareTransactionalEnqueue, wakeWorkers, type JobDefinition } from '@/lib/jobs/define-job';
import { isWebhookEventName, parseWebhookEvent, type WebhookDelivery, type WebhookEventName } from './events';
import { verifySignature } from './verify';

export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export type DeliveryOutcome = 'queued' | 'duplicate' | 'ignored';

/** The job that processes deliveries, and the events it has subscribers for (lib/runtime wires both). */
export type DeliveryQueue = { job: JobDefinition<ZodType<WebhookDelivery>>; events: readonly WebhookEventName[] };

/**
 * The webhook endpoint's work, in STYLE.md's order: verify the signature over the raw body (401,
 * no bypass), bound the size (413), parse (400), check the payload of a handled event against its
 * schema, record the delivery id (a redelivery is a no-op), and queue the work for a job, so GitHub
 * gets its answer at once. A payload that fails its schema is recorded as a failed delivery with
 * the field at fault, and answered 400 with the same message (GitHub shows it in its delivery log).
 */
export async function receiveWebhook(headers: Headers, body: Buffer, queue: DeliveryQueue): Promise<DeliveryOutcome> {
  if (body.length > MAX_WEBHOOK_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', `webhook payload is over ${MAX_WEBHOOK_BYTES} bytes`);
  if (!verifySignature(getEnv().GITHUB_WEBHOOK_SECRET, body, headers.get('x-hub-signature-256'))) {
    throw new AppError('UNAUTHENTICATED', 'missing or invalid X-Hub-Signature-256');
  }
  const id = headers.get('x-github-delivery');
  const event = headers.get('x-github-event');
  if (!id || !event) throw new AppError('BAD_REQUEST', 'X-GitHub-Delivery and X-GitHub-Event headers are required');
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', 'payload is not valid JSON (send application/json deliveries)');
  }
  if (!isJsonObject(payload)) {
    throw new AppError(
      'BAD_REQUEST',
      `payload must be a JSON object (GitHub sends one per event), got ${Array.isArray(payload) ? 'an array' : payload === null ? 'null' : `a ${typeof payload}`}`,
    );
  }
  const handled = isWebhookEventName(event) && queue.events.includes(event) ? event : null;
  const parsed = handled ? parseWebhookEvent(handled, payload) : null;
  const invalid = parsed && !parsed.ok ? parsed.error : null;
  const deliveryId = id.slice(0, 100);
  // One event's payload with its own schema's type: TypeScript cannot tie `handled` to `parsed`.
  const delivery = handled && parsed?.ok ? ({ deliveryId, event: handled, payload: parsed.payload } as WebhookDelivery) : null;
  // Recorded for the delivery list only (settings → GitHub), whatever the event.
  const repository = (payload.repository as { full_name?: unknown } | undefined)?.full_name;
  const action = typeof payload.action === 'string' ? payload.action : null;
  const send = await prepareTransactionalEnqueue(queue.job);
  const { driver } = await getDb();
  // The delivery row and its job commit together: a failure (or a crash) between them leaves
  // neither, so the delivery is not answered 2xx and its redelivery is processed, not taken for a
  // duplicate of a delivery that was never queued.
  const outcome = await driver.transaction(async (query) => {
    const inserted = await query(
      `INSERT INTO "WebhookDelivery" ("id", "event", "action", "repository", "status", "error", "processedAt") VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
      [
        deliveryId,
        event,
        action,
        typeof repository === 'string' ? repository : null,
        invalid ? 'failed' : delivery ? 'queued' : 'ignored',
        invalid,
        invalid ? new Date() : null,
      ],
    );
    if (inserted.rows.length === 0) return 'duplicate';
    if (invalid) return 'invalid';
    if (!delivery) return 'ignored';
    await send(delivery, query);
    return 'queued' as const;
  });
  if (outcome === 'invalid') throw new AppError('BAD_REQUEST', `${invalid}; the delivery is recorded as failed`);
  // Committed: this process's workers fetch the job now instead of at their next poll.
  if (outcome === 'queued') await wakeWorkers(queue.job);
  return outcome;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
