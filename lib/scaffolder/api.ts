import 'server-only';
import type { Actor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors';
import { getTask, listTaskEvents, type TaskEventRow } from './queries';
import { taskEvents } from './runner/task-log';

// Backstage's scaffolder REST shapes (@backstage/plugin-scaffolder-common), shared by the
// /api/scaffolder/v2 routes and the task page's event stream.

export function toBackstageEvent(e: TaskEventRow) {
  return {
    id: e.id,
    taskId: e.taskId,
    type: e.type,
    createdAt: e.createdAt,
    body: { message: e.message, ...(e.stepId ? { stepId: e.stepId } : {}), ...(e.level !== 'info' ? { level: e.level } : {}) },
  };
}

export async function taskResponse(actor: Actor, id: string) {
  return toTaskResponse(await getTask(actor, id));
}

export function toTaskResponse(task: Awaited<ReturnType<typeof getTask>>) {
  return {
    id: task.id,
    spec: {
      apiVersion: 'scaffolder.backstage.io/v1beta3',
      templateInfo: { entityRef: task.templateRef },
      parameters: task.values,
      steps: task.steps.map((s) => ({ id: s.stepId, name: s.name, action: s.action })),
      user: { ref: task.userRef ?? undefined },
    },
    status: task.status,
    createdAt: task.createdAt.toISOString(),
    // Left out until the task has started (Backstage's is a string when present, never null).
    lastHeartbeatAt: task.completedAt?.toISOString() ?? task.startedAt?.toISOString() ?? undefined,
    createdBy: task.userRef ?? task.createdBy,
    output: task.output ?? undefined,
    steps: task.steps.map((s) => ({
      id: s.stepId,
      name: s.name,
      action: s.action,
      status: s.status,
      startedAt: s.startedAt?.toISOString() ?? null,
      endedAt: s.endedAt?.toISOString() ?? null,
      durationMs: s.startedAt && s.endedAt ? s.endedAt.getTime() - s.startedAt.getTime() : null,
    })),
    secretNames: task.secretNames,
  };
}

/**
 * The event id a client continues after (`?after=`, or an EventSource's Last-Event-ID): a whole
 * number; absent or empty is the start. Anything else is the client's mistake, said as such.
 */
export function eventCursor(value: string | null): number {
  if (value === null || value.trim() === '') return 0;
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n))
    throw new AppError('BAD_REQUEST', `after must be an event id (a whole number, 0 or more), not "${value.slice(0, 40)}"`);
  return n;
}

const TERMINAL = new Set(['completion', 'cancelled']);
const POLL_MS = 1_000;

/**
 * Server-sent events of a task: everything so far (after `after`), then each new line as it is
 * written — at once for tasks run by this instance, within a second for others — until the task
 * ends or the client goes away.
 */
export async function taskEventStream(actor: Actor, id: string, after: number, signal: AbortSignal): Promise<Response> {
  await getTask(actor, id).catch((err) => Promise.reject(err instanceof AppError ? err : new AppError('NOT_FOUND', 'no such task')));
  const encoder = new TextEncoder();
  let last = after;
  let wake: (() => void) | null = null;
  // A line written while the rows were being read is not missed: the next wait is skipped.
  let dirty = false;
  const onEvent = () => {
    dirty = true;
    wake?.();
  };
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      taskEvents().on(id, onEvent);
      try {
        for (;;) {
          dirty = false;
          const rows = await listTaskEvents(id, last);
          for (const r of rows) {
            controller.enqueue(encoder.encode(`id: ${r.id}\nevent: ${r.type}\ndata: ${JSON.stringify(toBackstageEvent(r))}\n\n`));
            last = r.id;
          }
          if (rows.some((r) => TERMINAL.has(r.type)) || signal.aborted) break;
          if (dirty) continue;
          // Woken by a line written here, by the poll timer (other instances), or by the client leaving.
          await new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal.removeEventListener('abort', done);
              wake = null;
              resolve();
            };
            const timer = setTimeout(done, POLL_MS);
            wake = done;
            signal.addEventListener('abort', done, { once: true });
          });
        }
      } finally {
        taskEvents().off(id, onEvent);
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive' },
  });
}

/**
 * A field's error as Backstage answers a submission its parameter schemas refuse (the `jsonschema`
 * library's ValidationError, the scaffolder OpenAPI document's `ValidationError`): `property`
 * `instance.<path>`, the message and `stack` together. What Backstage fills with the schema's
 * keyword and the refused value stays generic (`name: 'invalid'`, empty `instance` and `schema`):
 * the value may be a secret, and some checks (allowed owners, secret names) are no schema keyword.
 * `field` is Wayfinder's own, kept for its clients.
 */
export function toValidationError(e: { field: string; message: string }) {
  const path = e.field === '_' ? [] : e.field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  const property = ['instance', ...path].map((p, i) => (typeof p === 'number' ? `[${p}]` : i ? `.${p}` : p)).join('');
  return {
    field: e.field,
    message: e.message,
    path,
    property,
    name: 'invalid',
    argument: e.field,
    instance: {},
    schema: {},
    stack: `${property} ${e.message}`,
  };
}

/**
 * `answer()`, or, when it refuses the submission field by field (invalid parameters or secrets),
 * Backstage's 400 `{ errors }` with Wayfinder's usual `error` beside it.
 */
export async function withValidationErrors(answer: () => Promise<Response>): Promise<Response> {
  try {
    return await answer();
  } catch (err) {
    const fieldErrors =
      err instanceof AppError && err.code === 'BAD_REQUEST'
        ? (err.details as { fieldErrors?: { field: string; message: string }[] } | undefined)?.fieldErrors
        : undefined;
    if (!fieldErrors) throw err;
    return Response.json(
      {
        error: { name: 'InputError', message: (err as AppError).message },
        errors: fieldErrors.map(toValidationError),
        response: { statusCode: 400 },
      },
      { status: 400 },
    );
  }
}
