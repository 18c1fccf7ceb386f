import { facetsOf } from '@/lib/catalog/api/entities';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: GET /entity-facets?facet=kind&filter=… → { facets: { [facet]: { value, count }[] } }.
export const GET = apiRoute('catalog.read', async (req) => Response.json(await facetsOf(new URL(req.url))));
