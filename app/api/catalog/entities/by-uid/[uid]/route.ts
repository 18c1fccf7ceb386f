import { authorizeEntity } from '@/lib/auth/authorize';
import { deleteEntityRequest, entityByUid } from '@/lib/catalog/api/entities-routes';
import { stringifyEntityRef } from '@/lib/catalog/model';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ uid: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => Response.json(await entityByUid((await params).uid)));

export const DELETE = apiRoute('catalog.entity.delete', async (_req, { params }: Ctx, actor) => {
  const { uid } = await params;
  // Leads delete only what their groups own; entityByUid answers 404 for an unknown uid first.
  const entity = await entityByUid(uid);
  const ref = stringifyEntityRef({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });
  await authorizeEntity(actor, 'catalog.entity.delete', ref);
  await deleteEntityRequest(uid, ref, actor);
  return new Response(null, { status: 204 });
});
