import { docsAssetResponse } from '@/lib/docs/api';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ namespace: string; kind: string; name: string; path: string[] }> };

/** Images and other files of a docs site (sandboxed, never rendered as a document). */
export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => {
  const p = await params;
  return docsAssetResponse(p, p.path);
});
