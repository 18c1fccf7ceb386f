import { entityByName } from '@/lib/catalog/api/entities-routes';
import { servedJsonOf } from '@/lib/catalog/queries/served-json';
import { apiRoute, jsonTextResponse } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ kind: string; namespace: string; name: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => {
  const { kind, namespace, name } = await params;
  return jsonTextResponse(servedJsonOf(await entityByName(kind, namespace, name)));
});
