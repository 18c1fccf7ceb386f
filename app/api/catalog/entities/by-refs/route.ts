import { entitiesByRefs } from '@/lib/catalog/api/entities-routes';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: POST /entities/by-refs { entityRefs, fields? } → { items: (Entity | null)[] } in request order.
export const POST = apiRoute('catalog.read', async (req) => Response.json(await entitiesByRefs(new URL(req.url), await readJson(req))));
