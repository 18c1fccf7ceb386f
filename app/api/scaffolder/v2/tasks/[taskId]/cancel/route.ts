import { apiRoute } from '@/lib/http/route';
import { cancelTask } from '@/lib/scaffolder/mutations';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

export const POST = apiRoute('scaffolder.task.create', async (_req, { params }: Ctx, actor) =>
  Response.json(await cancelTask(actor, (await params).taskId)),
);
