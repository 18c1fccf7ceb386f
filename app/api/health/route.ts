import { getHealth } from '@/lib/runtime/health';

export const dynamic = 'force-dynamic';

// Public by design (load balancers and uptime checks): reports which part failed, never credentials.
export async function GET() {
  const health = await getHealth();
  return Response.json(health, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
