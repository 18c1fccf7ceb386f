import { docsPageResponse } from '@/lib/docs/api';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ namespace: string; kind: string; name: string; path?: string[] }> };

/** One page: title, sanitised HTML, table of contents, last source change. */
export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => {
  const p = await params;
  return docsPageResponse(p, p.path);
});
