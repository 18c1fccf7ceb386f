import { AppError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http/route';
import { createTask, createTaskSchema } from '@/lib/scaffolder/mutations';
import { withValidationErrors } from '@/lib/scaffolder/api';
import { listTasks, TASK_ORDER_FIELDS, type TaskOrder } from '@/lib/scaffolder/queries';
import { parseBody } from '@/lib/http/parse-body';

export const dynamic = 'force-dynamic';

// GET: Backstage's task list. `createdBy` (repeatable: any of them; yours when absent: someone
// else's tasks are for admins), `status` (repeatable), `order` (`asc|desc:created_at|status|created_by`,
// repeatable), `limit` (default 100, at most 500) and `offset`; `totalTasks` counts every match.
export const GET = apiRoute('catalog.read', async (req, _ctx, actor) => {
  const query = new URL(req.url).searchParams;
  const createdBy = query.getAll('createdBy').filter(Boolean);
  const mine = createdBy.every((c) => c === actor.userRef || c === actor.id);
  const status = query.getAll('status').filter(Boolean);
  const order = query.getAll('order').map(taskOrder);
  const page = { limit: count(query, 'limit'), offset: count(query, 'offset') };
  // Someone else's tasks: admins only (listTasks refuses the others).
  const { tasks, total } = await listTasks(actor, { ...(mine ? { scope: 'mine' } : { scope: 'all', createdBy }), status, order, ...page });
  return Response.json({
    tasks: tasks.map((t) => ({
      id: t.id,
      spec: { templateInfo: { entityRef: t.templateRef } },
      status: t.status,
      createdAt: t.createdAt,
      createdBy: t.userRef ?? t.createdBy,
    })),
    totalTasks: total,
  });
});

/** Backstage's `order` value, with its messages for a malformed one. */
function taskOrder(value: string): TaskOrder {
  const m = /^(asc|desc):(.+)$/.exec(value);
  if (!m) throw new AppError('BAD_REQUEST', `Invalid order parameter "${value}", expected "<asc or desc>:<field name>"`);
  if (!Object.hasOwn(TASK_ORDER_FIELDS, m[2]))
    throw new AppError('BAD_REQUEST', `Invalid order field "${m[2]}"; one of ${Object.keys(TASK_ORDER_FIELDS).join(', ')}`);
  return { direction: m[1] as TaskOrder['direction'], field: m[2] as TaskOrder['field'] };
}

function count(query: URLSearchParams, name: 'limit' | 'offset'): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new AppError('BAD_REQUEST', `${name} must be a whole number of 0 or more, got "${value}"`);
  return Number(value);
}

// POST { templateRef, values, secrets } → 201 { id }; invalid values or secrets: 400 naming each field.
export const POST = apiRoute('scaffolder.task.create', async (req, _ctx, actor) => {
  const body = parseBody(createTaskSchema, await readJson(req));
  return withValidationErrors(async () => Response.json(await createTask(actor, body), { status: 201 }));
});
