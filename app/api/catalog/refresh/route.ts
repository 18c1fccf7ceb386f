import { refreshEntityRequest } from '@/lib/catalog/api/entities-routes';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

// Synchronous, unlike Backstage: the entity's location has been re-read when this answers.
// The status is 200 because @backstage/catalog-client's refreshEntity accepts nothing else.
export const POST = apiRoute('catalog.refresh', async (req, _ctx, actor) => {
  await refreshEntityRequest(await readJson(req), actor);
  return new Response(null, { status: 200 });
});
