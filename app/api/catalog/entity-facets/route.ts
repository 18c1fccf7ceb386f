import { facetsOf } from '@/lib/catalog/api/entities-routes';
import { facetsByPredicate } from '@/lib/catalog/api/predicate-query';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: GET /entity-facets?facet=kind&filter=… → { facets: { [facet]: { value, count }[] } }.
export const GET = apiRoute('catalog.read', async (req) => Response.json(await facetsOf(new URL(req.url))));

// Backstage: POST /entity-facets { facets, query? }, the predicate form.
export const POST = apiRoute('catalog.read', async (req) => Response.json(await facetsByPredicate(await readJson(req))));
