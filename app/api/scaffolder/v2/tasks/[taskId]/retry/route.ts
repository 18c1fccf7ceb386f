import { apiRoute, readJson } from '@/lib/http/route';
import { retryTask, retryTaskSchema } from '@/lib/scaffolder/mutations';
import { parseBody } from '@/lib/http/parse-body';
import { withValidationErrors } from '@/lib/scaffolder/api';

export const dynamic = 'force-dynamic';

type Ctx = { params: Promise<{ taskId: string }> };

// Retries a failed or cancelled task from its failed step; secrets (never stored) come again in the
// body, and secrets the template's schema refuses are a 400 naming each.
export const POST = apiRoute('scaffolder.task.create', async (req, { params }: Ctx, actor) => {
  const body = parseBody(retryTaskSchema, (await readJson(req, undefined, { optional: true })) ?? {});
  const { taskId } = await params;
  return withValidationErrors(async () => Response.json(await retryTask(actor, taskId, body), { status: 201 }));
});
