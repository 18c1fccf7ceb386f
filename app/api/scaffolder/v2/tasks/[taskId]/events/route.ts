import { apiRoute } from '@/lib/http/route';
import { eventCursor, toBackstageEvent } from '@/lib/scaffolder/api';
import { listTaskEvents, taskRecord } from '@/lib/scaffolder/queries';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

// Events of a task the caller may see, after the event id `after` (polling clients).
export const GET = apiRoute(
  async (_req, { params }: Ctx) => ({ permission: 'catalog.read', record: taskRecord((await params).taskId) }),
  async (req, _ctx, _actor, task) => {
    const after = eventCursor(new URL(req.url).searchParams.get('after'));
    return Response.json((await listTaskEvents(task.id, after)).map(toBackstageEvent));
  },
);
