import { deleteLocation, locationDetail, updateLocation } from '@/lib/catalog/api/locations-routes';
import { apiRoute, readJson } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => Response.json(await locationDetail((await params).id)));

// Backstage: PUT /locations/:id { type, target } → the updated Location (200). It replaces what the
// location produced, so it needs the permission that removing the location needs.
export const PUT = apiRoute('catalog.location.delete', async (req, { params }: Ctx, actor) =>
  Response.json(await updateLocation((await params).id, await readJson(req), actor)),
);

export const DELETE = apiRoute('catalog.location.delete', async (_req, { params }: Ctx, actor) => {
  await deleteLocation((await params).id, actor);
  return new Response(null, { status: 204 });
});
