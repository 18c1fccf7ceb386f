import { listEntities } from '@/lib/catalog/api/entities-routes';
import { apiRoute, jsonTextResponse } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Backstage: GET /entities?filter=&fields=&order=&limit=&offset=&after= → Entity[] (+ Link: rel="next").
export const GET = apiRoute('catalog.read', async (req) => {
  const { items, nextLink } = await listEntities(new URL(req.url));
  return jsonTextResponse(`[${items.join(',')}]`, { headers: nextLink ? { link: nextLink } : undefined });
});
