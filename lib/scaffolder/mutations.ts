import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/permissions';
import { Prisma } from '@/generated/prisma/client';
import { getPrisma } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { enqueue } from '@/lib/jobs/define-job';
import { getLogger } from '@/lib/observability/logger';
import { catalogEntityOf } from '@/lib/catalog/model';
import { runScaffolderTaskJob } from './jobs';
import { secretsSchemaErrors } from './model/secret-fields';
import { readTemplate } from './model/template';
import { readSubmittedParameters } from './submission';
import { canActOnTask, loadTemplate } from './queries';
import { abortLocalTask, rememberSecrets, RUNNER_ID, runTask } from './runner/run-task';
import { appendTaskEvent } from './runner/task-log';
import { isUuid } from '@/lib/db/uuid';

// Creating, cancelling and retrying tasks: one implementation for the UI's server actions and the
// REST API (/api/scaffolder/v2).

export const createTaskSchema = z.object({
  templateRef: z.string().min(1, 'templateRef is required, e.g. template:default/spring-boot-grpc-service'),
  values: z.record(z.string(), z.unknown()).default({}),
  secrets: z.record(z.string(), z.string()).default({}),
});

export const retryTaskSchema = z.object({ secrets: z.record(z.string(), z.string()).default({}) });

/**
 * Tasks one person may have open or running at once. Each runs its steps (fetching, rendering,
 * publishing with the integrations' tokens), and with WAYFINDER_WORKERS the instance that took the
 * request starts it at once, outside the job queue's concurrency: a loop of POST /v2/tasks started
 * as many runs at once as it sent.
 */
export const MAX_ACTIVE_TASKS = 20;

/**
 * Refuses (409) a new run for a person who has MAX_ACTIVE_TASKS open or running. Inside the
 * transaction that opens the run, under a per-person lock held until it commits: POSTs sent at once
 * would otherwise all count the same tasks before any of them is stored.
 */
async function refuseBeyondActiveTasks(tx: Prisma.TransactionClient, createdBy: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`wayfinder.tasks:${createdBy}`}))) AS l`;
  const active = await tx.scaffolderTask.count({ where: { createdBy, status: { in: ['open', 'processing'] } } });
  if (active >= MAX_ACTIVE_TASKS)
    throw new AppError(
      'CONFLICT',
      `you have ${MAX_ACTIVE_TASKS} tasks open or running, the most one person may have; wait for one to end, or cancel one`,
    );
}

/** A 400 that names each bad field (Backstage answers the same for invalid parameters). */
function invalidParameters(errors: { field: string; message: string }[]): AppError {
  return new AppError('BAD_REQUEST', `Some parameters are invalid: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`, {
    fieldErrors: errors,
  });
}

/** Starts the task here when this instance runs workers; the queued job is the durable fallback. */
async function dispatch(taskId: string): Promise<void> {
  await enqueue(runScaffolderTaskJob, { taskId }, { singletonKey: taskId });
  if (getEnv().WAYFINDER_WORKERS) {
    void runTask(taskId).catch((err) => getLogger().error({ err, taskId }, 'scaffolder task failed to start'));
  }
}

export async function createTask(actor: Actor, input: z.infer<typeof createTaskSchema>): Promise<{ id: string }> {
  const template = await loadTemplate(input.templateRef);
  const { errors, values, secrets } = await readSubmittedParameters(template.spec.parameters, input);
  if (errors.length) throw invalidParameters(errors);
  const secretErrors = secretsSchemaErrors(template.spec.secrets?.schema, secrets);
  if (secretErrors.length) throw invalidParameters(secretErrors);
  const prisma = await getPrisma();
  const local = getEnv().WAYFINDER_WORKERS;
  const task = await prisma.$transaction(async (tx) => {
    await refuseBeyondActiveTasks(tx, actor.id);
    const row = await tx.scaffolderTask.create({
      data: {
        templateRef: template.ref,
        template: template.entity as object,
        values: values as object,
        secretNames: Object.keys(secrets),
        createdBy: actor.id,
        userRef: actor.userRef ?? null,
        // Held by this instance from the start when it runs it: the secrets are only here.
        ...(local ? { runnerId: RUNNER_ID, heartbeatAt: new Date() } : {}),
      },
    });
    await tx.scaffolderTaskStep.createMany({
      data: template.spec.steps.map((s, i) => ({ taskId: row.id, stepId: s.id, position: i, name: s.name ?? s.id, action: s.action })),
    });
    await tx.auditLog.create({
      data: { actor: actor.userRef ?? actor.id, action: 'scaffolder.task.create', target: template.ref, details: { taskId: row.id } },
    });
    return row;
  });
  rememberSecrets(task.id, secrets);
  await appendTaskEvent(task.id, { type: 'log', message: `Task created by ${actor.userRef ?? actor.name} from ${template.ref}` });
  await dispatch(task.id);
  return { id: task.id };
}

async function ownTask(actor: Actor, id: string) {
  if (!isUuid(id)) throw new AppError('NOT_FOUND', 'no such task');
  const prisma = await getPrisma();
  const task = await prisma.scaffolderTask.findUnique({
    where: { id },
    select: { id: true, status: true, createdBy: true, secretNames: true, templateRef: true, template: true },
  });
  // Someone else's task is "not found", as it is on read.
  if (!task || !canActOnTask(actor, task)) throw new AppError('NOT_FOUND', 'no such task');
  return task;
}

export async function cancelTask(actor: Actor, id: string): Promise<{ status: 'cancelled' }> {
  const task = await ownTask(actor, id);
  if (!['open', 'processing'].includes(task.status))
    throw new AppError('CONFLICT', `the task is ${task.status}; only open or running tasks can be cancelled`);
  const prisma = await getPrisma();
  await prisma.scaffolderTask.update({ where: { id }, data: { cancelRequested: true } });
  await prisma.auditLog.create({
    data: { actor: actor.userRef ?? actor.id, action: 'scaffolder.task.cancel', target: task.templateRef, details: { taskId: id } },
  });
  await appendTaskEvent(id, { type: 'log', level: 'warn', message: `Cancellation requested by ${actor.userRef ?? actor.name}` });
  // Running here: stop now. Elsewhere: its runner sees the flag at its next heartbeat. The answer is
  // Backstage's (`{ status: 'cancelled' }`, a TaskStatus), though there too the step stops after it.
  abortLocalTask(id);
  return { status: 'cancelled' };
}

/** Runs a failed or cancelled task again from its first step that did not complete. */
export async function retryTask(actor: Actor, id: string, input: z.infer<typeof retryTaskSchema>): Promise<{ id: string }> {
  const task = await ownTask(actor, id);
  if (!['failed', 'cancelled'].includes(task.status))
    throw new AppError('CONFLICT', `the task is ${task.status}; only failed or cancelled tasks can be retried`);
  const missing = task.secretNames.filter((n) => !input.secrets[n]);
  if (missing.length) throw new AppError('BAD_REQUEST', `this task needs its secrets again (they are never stored): ${missing.join(', ')}`);
  // A new run takes any secret names (a template may read secrets.X that the API supplies); a retry
  // continues that run, so it gets the same ones again and no new input.
  const unknown = Object.keys(input.secrets).filter((n) => !task.secretNames.includes(n));
  if (unknown.length)
    throw new AppError(
      'BAD_REQUEST',
      `this task was started without the secrets ${unknown.sort().join(', ')}; a retry takes again only the secrets the task had (${[...task.secretNames].sort().join(', ') || 'none'})`,
    );
  const secretErrors = secretsSchemaErrors(readTemplate(catalogEntityOf(task.template)).template?.spec.secrets?.schema, input.secrets);
  if (secretErrors.length) throw invalidParameters(secretErrors);
  const prisma = await getPrisma();
  const local = getEnv().WAYFINDER_WORKERS;
  const first = await prisma.$transaction(async (tx) => {
    await refuseBeyondActiveTasks(tx, task.createdBy);
    const steps = await tx.scaffolderTaskStep.findMany({
      where: { taskId: id, status: { notIn: ['completed', 'skipped'] } },
      orderBy: { position: 'asc' },
    });
    await tx.scaffolderTaskStep.updateMany({
      where: { taskId: id, status: { notIn: ['completed', 'skipped'] } },
      data: { status: 'pending', startedAt: null, endedAt: null, output: Prisma.DbNull },
    });
    await tx.scaffolderTask.update({
      where: { id },
      data: {
        status: 'open',
        cancelRequested: false,
        completedAt: null,
        output: Prisma.DbNull,
        ...(local ? { runnerId: RUNNER_ID, heartbeatAt: new Date() } : { runnerId: null, heartbeatAt: null }),
      },
    });
    await tx.auditLog.create({
      data: { actor: actor.userRef ?? actor.id, action: 'scaffolder.task.retry', target: task.templateRef, details: { taskId: id } },
    });
    return steps[0];
  });
  rememberSecrets(id, input.secrets);
  await appendTaskEvent(id, {
    type: 'log',
    message: `Retry requested by ${actor.userRef ?? actor.name}; continuing at step ${first?.name ?? '(none)'}`,
  });
  await dispatch(id);
  return { id };
}
