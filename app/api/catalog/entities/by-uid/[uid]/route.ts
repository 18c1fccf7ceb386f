import { deleteEntityRequest, entityByUid } from '@/lib/catalog/api/entities';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ uid: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => Response.json(await entityByUid((await params).uid)));

export const DELETE = apiRoute('catalog.entity.delete', async (_req, { params }: Ctx) => {
  await deleteEntityRequest((await params).uid);
  return new Response(null, { status: 204 });
});
