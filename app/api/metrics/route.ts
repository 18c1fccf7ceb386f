import { getMetrics } from '@/lib/observability/metrics';

export const dynamic = 'force-dynamic';

// Prometheus text exposition of request, job queue and database pool metrics.
export async function GET() {
  const { registry } = getMetrics();
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' } });
}
