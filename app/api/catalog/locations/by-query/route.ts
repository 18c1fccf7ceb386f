import { queryLocations } from '@/lib/catalog/api/location-query';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: POST /locations/by-query { query?, limit? | cursor } → { items, totalItems, pageInfo: { nextCursor? } }.
export const POST = apiRoute('catalog.read', async (req) =>
  Response.json(await queryLocations(await readJson(req, undefined, { optional: true }))),
);
