import { pageJson, queryAnswer } from '@/lib/catalog/api/entities-routes';
import { queryEntitiesByPredicate } from '@/lib/catalog/api/predicate-query';
import { apiRoute, jsonTextResponse, readJson } from '@/lib/http/route';
import { recordSearchMiss } from '@/lib/insights';

export const dynamic = 'force-dynamic';

// Backstage: GET /entities/by-query → { items, totalItems, pageInfo: { nextCursor?, prevCursor? } }.
// A first page of a full-text search that found nothing is recorded for insights (the query only).
// Answers are kept until the catalog changes (queryAnswer).
export const GET = apiRoute('catalog.read', async (req) => {
  const url = new URL(req.url);
  const answer = await queryAnswer(url);
  const term = url.searchParams.get('fullTextFilterTerm');
  // Not awaited: the answer does not wait for the insert (recordSearchMiss logs its own failures).
  if (term && !answer.found && !url.searchParams.has('cursor')) void recordSearchMiss(term, 'api');
  return jsonTextResponse(answer.json);
});

// Backstage: POST /entities/by-query { query?, orderBy?, fullTextFilter?, fields?, limit?, offset?, totalItems? | cursor }.
export const POST = apiRoute('catalog.read', async (req) =>
  jsonTextResponse(pageJson(await queryEntitiesByPredicate(await readJson(req, undefined, { optional: true })))),
);
