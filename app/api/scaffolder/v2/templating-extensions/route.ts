import { apiRoute } from '@/lib/http/route';
import { listTemplatingExtensions } from '@/lib/scaffolder/templating-extensions';

export const dynamic = 'force-dynamic';

// Backstage's GET /v2/templating-extensions: the filters and global functions templates can call.
export const GET = apiRoute('catalog.read', async () => Response.json(listTemplatingExtensions()));
