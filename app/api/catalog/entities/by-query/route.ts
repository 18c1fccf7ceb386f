import { queryEntitiesPage } from '@/lib/catalog/api/entities-routes';
import { queryEntitiesByPredicate } from '@/lib/catalog/api/predicate-query';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: GET /entities/by-query → { items, totalItems, pageInfo: { nextCursor?, prevCursor? } }.
export const GET = apiRoute('catalog.read', async (req) => Response.json(await queryEntitiesPage(new URL(req.url))));

// Backstage: POST /entities/by-query { query?, orderBy?, fullTextFilter?, fields?, limit?, offset?, totalItems? | cursor }.
export const POST = apiRoute('catalog.read', async (req) =>
  Response.json(await queryEntitiesByPredicate(await readJson(req, undefined, { optional: true }))),
);
