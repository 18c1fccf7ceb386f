import { apiRoute } from '@/lib/http/route';
import { toBackstageEvent } from '@/lib/scaffolder/api';
import { getTask, listTaskEvents } from '@/lib/scaffolder/queries';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

// Events of a task, after the event id `after` (polling clients).
export const GET = apiRoute('catalog.read', async (req, { params }: Ctx, actor) => {
  const { taskId } = await params;
  await getTask(actor, taskId);
  const after = Number(new URL(req.url).searchParams.get('after') ?? 0) || 0;
  return Response.json((await listTaskEvents(taskId, after)).map(toBackstageEvent));
});
