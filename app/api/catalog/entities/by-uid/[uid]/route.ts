import { entityRecordByUid } from '@/lib/auth/records';
import { deleteEntityRequest, entityByUid } from '@/lib/catalog/api/entities-routes';
import { servedJsonOf } from '@/lib/catalog/queries/served-json';
import { apiRoute, jsonTextResponse } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ uid: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) =>
  jsonTextResponse(servedJsonOf(await entityByUid((await params).uid))),
);

// Leads delete only what their groups own: apiRoute loads the entity (404 for an unknown uid) and checks that.
export const DELETE = apiRoute(
  async (_req, { params }: Ctx) => ({ permission: 'catalog.entity.delete', record: entityRecordByUid((await params).uid) }),
  async (_req, _ctx, actor, entity) => {
    await deleteEntityRequest(entity.uid, entity.ref, actor);
    return new Response(null, { status: 204 });
  },
);
