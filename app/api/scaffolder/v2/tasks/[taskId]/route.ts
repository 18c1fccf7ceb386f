import { apiRoute } from '@/lib/http/route';
import { taskResponse } from '@/lib/scaffolder/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

export const GET = apiRoute('catalog.read', async (_req, { params }: Ctx, actor) =>
  Response.json(await taskResponse(actor, (await params).taskId)),
);
