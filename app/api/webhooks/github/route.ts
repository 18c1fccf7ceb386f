import { isAppError } from '@/lib/errors';
import { MAX_WEBHOOK_BYTES } from '@/lib/github/webhooks/receive';
import { readBytes } from '@/lib/http/route';
import { getLogger } from '@/lib/observability/logger';
import { receiveGithubWebhook } from '@/lib/runtime/webhooks';

export const dynamic = 'force-dynamic';

// GitHub webhook endpoint: public, authenticated by X-Hub-Signature-256 alone. The way of a
// delivery from here to the domains that react to it is laid out in lib/runtime/webhooks.ts.
export async function POST(req: Request) {
  try {
    // Bounded by its declared length, or while it streams when it declares none (chunked).
    const outcome = await receiveGithubWebhook(req.headers, await readBytes(req, MAX_WEBHOOK_BYTES));
    return Response.json({ outcome }, { status: 202 });
  } catch (err) {
    if (isAppError(err)) return Response.json({ error: err.message }, { status: err.status });
    getLogger().error({ err, delivery: req.headers.get('x-github-delivery'), reqId: req.headers.get('x-request-id') }, 'webhook failed');
    return Response.json({ error: 'Internal server error' }, { status: 500 });
  }
}
