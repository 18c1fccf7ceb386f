import { docsSiteResponse } from '@/lib/docs/api';
import { apiRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ namespace: string; kind: string; name: string }> };

/** Site metadata: name, nav tree, source commit, built at, build problems. */
export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx) => docsSiteResponse(await params));
