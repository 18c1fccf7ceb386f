import { pageJson, queryEntitiesPage } from '@/lib/catalog/api/entities-routes';
import { queryEntitiesByPredicate } from '@/lib/catalog/api/predicate-query';
import { apiRoute, jsonTextResponse, readJson } from '@/lib/http/route';
import { recordSearchMiss } from '@/lib/insights';

export const dynamic = 'force-dynamic';

// Backstage: GET /entities/by-query → { items, totalItems, pageInfo: { nextCursor?, prevCursor? } }.
// A first page of a full-text search that found nothing is recorded for insights (the query only).
export const GET = apiRoute('catalog.read', async (req) => {
  const url = new URL(req.url);
  const page = await queryEntitiesPage(url);
  const term = url.searchParams.get('fullTextFilterTerm');
  // Not awaited: the answer does not wait for the insert (recordSearchMiss logs its own failures).
  if (term && page.items.length === 0 && !url.searchParams.has('cursor')) void recordSearchMiss(term, 'api');
  return jsonTextResponse(pageJson(page));
});

// Backstage: POST /entities/by-query { query?, orderBy?, fullTextFilter?, fields?, limit?, offset?, totalItems? | cursor }.
export const POST = apiRoute('catalog.read', async (req) =>
  jsonTextResponse(pageJson(await queryEntitiesByPredicate(await readJson(req, undefined, { optional: true })))),
);
