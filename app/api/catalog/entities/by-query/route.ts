import { queryEntitiesPage } from '@/lib/catalog/api/entities';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: GET /entities/by-query → { items, totalItems, pageInfo: { nextCursor?, prevCursor? } }.
export const GET = apiRoute('catalog.read', async (req) => Response.json(await queryEntitiesPage(new URL(req.url))));
