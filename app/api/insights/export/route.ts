import { exportResponse } from '@/lib/insights/export';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// ?format=csv|json, ?team=group:…, ?metric=<id> for that metric's drill-down list.
export const GET = apiRoute('insights.read', async (req) => exportResponse(new URL(req.url)));
