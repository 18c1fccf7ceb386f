import { apiRoute } from '@/lib/http/route';
import { scorecardsResponse } from '@/lib/scorecards/api';

export const dynamic = 'force-dynamic';

/** Every scorecard definition (current version). */
export const GET = apiRoute('catalog.read', async () => scorecardsResponse());
