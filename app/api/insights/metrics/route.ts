import { metricsResponse } from '@/lib/insights/export';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// One object per adoption metric: { id, value, target, unit, measuredAt, status? }. ?team=group:… filters.
export const GET = apiRoute('insights.read', async (req) => metricsResponse(new URL(req.url)));
