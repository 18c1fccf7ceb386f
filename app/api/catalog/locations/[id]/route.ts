import { deleteLocation, locationDetail } from '@/lib/catalog/api/locations';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ id: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => Response.json(await locationDetail((await params).id)));

export const DELETE = apiRoute('catalog.location.delete', async (_req, { params }: Ctx, actor) => {
  await deleteLocation((await params).id, actor);
  return new Response(null, { status: 204 });
});
