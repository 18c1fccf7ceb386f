import { apiRoute } from '@/lib/http/route';
import { getMetrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

// Prometheus text exposition of request, job queue and database pool metrics. Authenticated here,
// not only in proxy.ts: give the scraper a read-scope service token as its bearer token.
export const GET = apiRoute('catalog.read', async () => {
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
});
