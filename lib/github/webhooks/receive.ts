import 'server-only';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getDb } from '@/lib/db/client';
import { prepareTransactionalEnqueue, wakeWorkers } from '@/lib/jobs/define-job';
import { processDeliveryJob } from './process-delivery';
import { HANDLED_EVENTS } from './handlers';
import { verifySignature } from './verify';

export const MAX_WEBHOOK_BYTES = 5 * 1024 * 1024;

export type DeliveryOutcome = 'queued' | 'duplicate' | 'ignored';

/**
 * The webhook endpoint's work, in STYLE.md's order: verify the signature over the raw body (401,
 * no bypass), bound the size (413), parse (400), record the delivery id (a redelivery is a no-op),
 * and queue the work for a job, so GitHub gets its answer at once.
 */
export async function receiveWebhook(headers: Headers, body: Buffer): Promise<DeliveryOutcome> {
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
    throw new AppError('BAD_REQUEST', `payload must be a JSON object (GitHub sends one per event), got ${Array.isArray(payload) ? 'an array' : payload === null ? 'null' : `a ${typeof payload}`}`);
  }
  const handled = (HANDLED_EVENTS as readonly string[]).includes(event);
  const deliveryId = id.slice(0, 100);
  const repository = (payload.repository as { full_name?: unknown } | undefined)?.full_name;
  const action = typeof payload.action === 'string' ? payload.action : null;
  const send = await prepareTransactionalEnqueue(processDeliveryJob);
  const { driver } = await getDb();
  // The delivery row and its job commit together: a failure (or a crash) between them leaves
  // neither, so the delivery is not answered 2xx and its redelivery is processed, not taken for a
  // duplicate of a delivery that was never queued.
  const outcome = await driver.transaction(async (query) => {
    const inserted = await query(
      `INSERT INTO "WebhookDelivery" ("id", "event", "action", "repository", "status") VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ("id") DO NOTHING RETURNING "id"`,
      [deliveryId, event, action, typeof repository === 'string' ? repository : null, handled ? 'queued' : 'ignored'],
    );
    if (inserted.rows.length === 0) return 'duplicate';
    if (!handled) return 'ignored';
    await send({ deliveryId, event, payload }, query);
    return 'queued' as const;
  });
  // Committed: this process's workers fetch the job now instead of at their next poll.
  if (outcome === 'queued') await wakeWorkers(processDeliveryJob);
  return outcome;
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
