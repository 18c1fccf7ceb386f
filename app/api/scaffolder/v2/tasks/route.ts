import { AppError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http/route';
import { createTask, createTaskSchema } from '@/lib/scaffolder/mutations';
import { listTasks } from '@/lib/scaffolder/queries';
import { parseBody } from '@/lib/http/parse-body';

export const dynamic = 'force-dynamic';

// GET: tasks, by createdBy (Backstage's ?createdBy=user:default/jane); yours when it is absent.
export const GET = apiRoute('catalog.read', async (req, _ctx, actor) => {
  const createdBy = new URL(req.url).searchParams.get('createdBy');
  const mine = !createdBy || createdBy === actor.userRef || createdBy === actor.id;
  // Someone else's tasks: admins only (listTasks refuses the others).
  const filtered = await listTasks(actor, mine ? { scope: 'mine' } : { scope: 'all', createdBy });
  return Response.json({
    tasks: filtered.map((t) => ({
      id: t.id,
      spec: { templateInfo: { entityRef: t.templateRef } },
      status: t.status,
      createdAt: t.createdAt,
      createdBy: t.userRef ?? t.createdBy,
    })),
    totalTasks: filtered.length,
  });
});

// POST { templateRef, values, secrets } → 201 { id }; invalid values: 400 naming each field.
export const POST = apiRoute('scaffolder.task.create', async (req, _ctx, actor) => {
  const body = parseBody(createTaskSchema, await readJson(req));
  try {
    return Response.json(await createTask(actor, body), { status: 201 });
  } catch (err) {
    if (err instanceof AppError && err.code === 'BAD_REQUEST' && err.details) {
      return Response.json(
        {
          error: { name: 'InputError', message: err.message },
          errors: (err.details as { fieldErrors: unknown }).fieldErrors,
          response: { statusCode: 400 },
        },
        { status: 400 },
      );
    }
    throw err;
  }
});
