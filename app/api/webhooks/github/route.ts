import { isAppError } from '@/lib/errors';
import { MAX_WEBHOOK_BYTES } from '@/lib/github/webhooks/receive';
import { getLogger } from '@/lib/observability/logger';
import { receiveGithubWebhook } from '@/lib/runtime/webhooks';

export const dynamic = 'force-dynamic';

// GitHub webhook endpoint: public, authenticated by X-Hub-Signature-256 alone. The way of a
// delivery from here to the domains that react to it is laid out in lib/runtime/webhooks.ts.
export async function POST(req: Request) {
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > MAX_WEBHOOK_BYTES) return Response.json({ error: `payload is over ${MAX_WEBHOOK_BYTES} bytes` }, { status: 413 });
  try {
    const outcome = await receiveGithubWebhook(req.headers, Buffer.from(await req.arrayBuffer()));
    return Response.json({ outcome }, { status: 202 });
  } catch (err) {
    if (isAppError(err)) return Response.json({ error: err.message }, { status: err.status });
    getLogger().error({ err, delivery: req.headers.get('x-github-delivery'), reqId: req.headers.get('x-request-id') }, 'webhook failed');
    return Response.json({ error: 'Internal server error' }, { status: 500 });
  }
}
