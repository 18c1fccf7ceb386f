import { feedbackResponse } from '@/lib/insights/export';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Admins: the "Was this useful?" answers, ?format=csv|json.
export const GET = apiRoute('feedback.read', async (req) => feedbackResponse(new URL(req.url)));
