import { apiRoute } from '@/lib/http/route';
import { eventCursor, taskEventStream } from '@/lib/scaffolder/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

// Server-sent events: everything so far, then live lines until the task ends. A reconnecting
// EventSource sends Last-Event-ID and continues after it.
export const GET = apiRoute('catalog.read', async (req, { params }: Ctx, actor) => {
  const after = eventCursor(req.headers.get('last-event-id') ?? new URL(req.url).searchParams.get('after'));
  return taskEventStream(actor, (await params).taskId, after, req.signal);
});
