import { entityAncestry } from '@/lib/catalog/api/ancestry';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ kind: string; namespace: string; name: string }> };

// Backstage: GET /entities/by-name/:kind/:namespace/:name/ancestry → { rootEntityRef, items: { entity, parentEntityRefs }[] }.
export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => {
  const { kind, namespace, name } = await params;
  return Response.json(await entityAncestry(kind, namespace, name));
});
