import { AppError } from '@/lib/errors';
import { apiRoute, readJson } from '@/lib/http/route';
import { createTask, createTaskSchema } from '@/lib/scaffolder/mutations';
import { withValidationErrors } from '@/lib/scaffolder/api';
import { listTasks, TASK_ORDER_FIELDS, type TaskOrder } from '@/lib/scaffolder/queries';
import { parseBody } from '@/lib/http/parse-body';

export const dynamic = 'force-dynamic';

// GET: Backstage's task list: every task the caller may see (theirs; runs of templates their groups
// own, for leads; all, for admins), as Backstage lists what its permissions allow, narrowed by
// `createdBy` (repeatable: any of them) and `status` (repeatable), sorted by `order`
// (`asc|desc:created_at|status|created_by`, repeatable), paged by `limit` (default 100, at most
// 500) and `offset`; `totalTasks` counts every match.
export const GET = apiRoute('catalog.read', async (req, _ctx, actor) => {
  const query = new URL(req.url).searchParams;
  const { tasks, total } = await listTasks(actor, {
    scope: 'visible',
    createdBy: query.getAll('createdBy').filter(Boolean),
    status: query.getAll('status').filter(Boolean),
    order: query.getAll('order').map(taskOrder),
    limit: count(query, 'limit'),
    offset: count(query, 'offset'),
  });
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
