import 'server-only';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { getPrisma } from '@/lib/db/client';
import { enqueue } from '@/lib/jobs/define-job';
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
  let payload: Record<string, unknown>;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    throw new AppError('BAD_REQUEST', 'payload is not valid JSON (send application/json deliveries)');
  }
  if (!payload || typeof payload !== 'object') throw new AppError('BAD_REQUEST', 'payload must be a JSON object');
  const handled = (HANDLED_EVENTS as readonly string[]).includes(event);
  const repository = (payload.repository as { full_name?: string } | undefined)?.full_name ?? null;
  const action = typeof payload.action === 'string' ? payload.action : null;
  const prisma = await getPrisma();
  const { count } = await prisma.webhookDelivery.createMany({
    data: [{ id: id.slice(0, 100), event, action, repository, status: handled ? 'queued' : 'ignored' }],
    skipDuplicates: true,
  });
  if (count === 0) return 'duplicate';
  if (!handled) return 'ignored';
  await enqueue(processDeliveryJob, { deliveryId: id.slice(0, 100), event, payload });
  return 'queued';
}
