import { apiRoute, readJson } from '@/lib/http/route';
import { retryTask, retryTaskSchema } from '@/lib/scaffolder/mutations';
import { parseBody } from '@/lib/http/parse-body';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

// Retries a failed or cancelled task from its failed step; secrets (never stored) come again in the body.
export const POST = apiRoute('scaffolder.task.create', async (req, { params }: Ctx, actor) => {
  const body = parseBody(retryTaskSchema, (await readJson(req, undefined, { optional: true })) ?? {});
  return Response.json(await retryTask(actor, (await params).taskId, body), { status: 201 });
});
