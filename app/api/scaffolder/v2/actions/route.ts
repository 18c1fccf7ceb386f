import { describeActions } from '@/lib/scaffolder/actions/index';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = apiRoute('catalog.read', async () => Response.json(describeActions()));
