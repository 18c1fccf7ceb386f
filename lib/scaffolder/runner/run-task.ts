import 'server-only';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { catalogEntityOf } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';
import { dataDir } from '@/lib/env';
import { getLogger } from '@/lib/observability/logger';
import { ACTIONS } from '../actions/index';
import { maskSecrets } from '../model/secrets';
import { readTemplate } from '../model/template';
import { userContext } from '../queries';
import { Templater } from '../sandbox/templater';
import { restoreWorkspace, snapshotWorkspace } from '../workspace';
import { executeSteps, type ExpressionContext, type StepHooks } from './execute';
import { appendTaskEvent, stepLogger, taskLogWriter } from './task-log';

// A task runs on one instance at a time: it holds a lease (runnerId + heartbeatAt) that it renews
// every few seconds. A task whose lease went stale (its instance stopped) is picked up again by the
// recovery job and resumes after its last completed step, from the workspace saved after that step;
// steps that create things check what exists first, so a step that was cut off can run again.
//
// Secrets are never written anywhere: they are kept in this process's memory while the task runs.
// A task resumed on an instance that does not have them fails with a message that says so. The
// saved workspace has them cut out (restored from the secrets a resume or retry has); only a failed
// or cancelled task keeps it, for a retry: a completed one has no use for it.

export const LEASE_MS = 30_000;
const HEARTBEAT_MS = 2_000;
export const RUNNER_ID = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

type Local = { secrets: Map<string, Record<string, string>>; running: Map<string, AbortController> };
const KEY = Symbol.for('wayfinder.scaffolder.local');
const local = ((globalThis as unknown as { [KEY]?: Local })[KEY] ??= { secrets: new Map(), running: new Map() });

export function rememberSecrets(taskId: string, secrets: Record<string, string>): void {
  if (Object.keys(secrets).length) local.secrets.set(taskId, secrets);
}

/** Stops a task running in this process now (others notice the flag at their next heartbeat). */
export function abortLocalTask(taskId: string): boolean {
  const c = local.running.get(taskId);
  c?.abort();
  return Boolean(c);
}

/** A worker process (`npm run worker`) builds the first task's expression sandbox ahead (Templater.prepareSpare). */
export function prepareTaskSandbox(): void {
  Templater.prepareSpare();
}

function workspaceDir(taskId: string): string {
  return path.join(dataDir(), 'scaffolder', 'workspaces', taskId);
}

async function claim(taskId: string) {
  const prisma = await getPrisma();
  const stale = new Date(Date.now() - LEASE_MS);
  const { count } = await prisma.scaffolderTask.updateMany({
    where: {
      id: taskId,
      status: { in: ['open', 'processing'] },
      OR: [{ runnerId: null }, { runnerId: RUNNER_ID }, { heartbeatAt: { lt: stale } }],
    },
    data: { runnerId: RUNNER_ID, heartbeatAt: new Date() },
  });
  if (!count) return null;
  return prisma.scaffolderTask.findUnique({ where: { id: taskId }, include: { steps: { orderBy: { position: 'asc' } } } });
}

/** Runs (or resumes) a task if no other instance holds it; returns when it ends or is held elsewhere. */
export async function runTask(taskId: string): Promise<void> {
  if (local.running.has(taskId)) return;
  const controller = new AbortController();
  local.running.set(taskId, controller);
  try {
    const task = await claim(taskId);
    if (task) await run(task, controller);
  } finally {
    local.running.delete(taskId);
  }
}

type ClaimedTask = NonNullable<Awaited<ReturnType<typeof claim>>>;

async function run(task: ClaimedTask, controller: AbortController): Promise<void> {
  const prisma = await getPrisma();
  const secrets = local.secrets.get(task.id) ?? {};
  const log = await taskLogWriter(task.id, secrets);
  const finish = async (status: 'completed' | 'failed' | 'cancelled', message: string, output?: Record<string, unknown>) => {
    await prisma.scaffolderTask.update({
      where: { id: task.id },
      data: {
        status,
        completedAt: new Date(),
        runnerId: null,
        heartbeatAt: null,
        output: output as object | undefined,
        ...(status === 'completed' ? { workspace: null } : {}),
      },
    });
    await appendTaskEvent(
      task.id,
      { type: status === 'cancelled' ? 'cancelled' : 'completion', message, level: status === 'failed' ? 'error' : 'info' },
      secrets,
    );
    local.secrets.delete(task.id);
  };

  const missing = task.secretNames.filter((n) => !(n in secrets));
  if (missing.length) {
    await finish(
      'failed',
      `This task's secrets (${missing.join(', ')}) were kept only in the memory of the server that received them, and it stopped before the task finished. Retry the task and enter them again.`,
    );
    return;
  }
  const { template, issues } = readTemplate(catalogEntityOf(task.template), new Set(ACTIONS.keys()));
  if (!template) {
    await finish('failed', `The template is invalid: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return;
  }

  const resumed = task.status === 'processing';
  const done = new Set(task.steps.filter((s) => s.status === 'completed' || s.status === 'skipped').map((s) => s.stepId));
  await prisma.scaffolderTask.update({ where: { id: task.id }, data: { status: 'processing', startedAt: task.startedAt ?? new Date() } });
  if (resumed) {
    const next = task.steps.find((s) => !done.has(s.stepId));
    await appendTaskEvent(task.id, {
      type: 'recovered',
      message: `Resumed after the server running this task stopped; continuing at step ${next?.name ?? '(none)'}`,
    });
  }

  if (task.cancelRequested) controller.abort();
  const heartbeat = setInterval(() => {
    void (async () => {
      const { count } = await prisma.scaffolderTask.updateMany({
        where: { id: task.id, runnerId: RUNNER_ID },
        data: { heartbeatAt: new Date() },
      });
      const row = await prisma.scaffolderTask.findUnique({ where: { id: task.id }, select: { cancelRequested: true } });
      if (!count || row?.cancelRequested) controller.abort();
    })().catch((err) => getLogger().warn({ err, taskId: task.id }, 'task heartbeat failed'));
  }, HEARTBEAT_MS);

  const workspacePath = workspaceDir(task.id);
  let templater: Templater | undefined;
  try {
    await restoreWorkspace(workspacePath, task.workspace, secrets);
    templater = await Templater.create();
    const user = await userContext(task.userRef);
    const context: ExpressionContext = { parameters: task.values as Record<string, unknown>, steps: {}, user, secrets };
    for (const s of task.steps) if (done.has(s.stepId)) context.steps[s.stepId] = { output: (s.output as Record<string, unknown>) ?? {} };
    const started = new Map<string, number>();
    const hooks: StepHooks = {
      onStart: async (step) => {
        started.set(step.id, performance.now());
        await prisma.scaffolderTaskStep.update({
          where: { taskId_stepId: { taskId: task.id, stepId: step.id } },
          data: { status: 'processing', startedAt: new Date(), endedAt: null },
        });
      },
      onEnd: async (step, state, output) => {
        const workspace = state === 'completed' ? await snapshotWorkspace(workspacePath, secrets) : undefined;
        await prisma.$transaction([
          prisma.scaffolderTaskStep.update({
            where: { taskId_stepId: { taskId: task.id, stepId: step.id } },
            data: { status: state, endedAt: new Date(), output: output as object },
          }),
          ...(workspace ? [prisma.scaffolderTask.update({ where: { id: task.id }, data: { workspace: new Uint8Array(workspace) } })] : []),
        ]);
      },
      logger: (step) => stepLogger((message, level) => log(message, level, step.id)),
      checkpoint: async (step, key, fn) => {
        const where = { taskId_stepId: { taskId: task.id, stepId: step.id } };
        const state = ((await prisma.scaffolderTaskStep.findUnique({ where, select: { state: true } }))?.state ?? {}) as Record<
          string,
          unknown
        >;
        if (key in state) return state[key] as never;
        const value = await fn();
        await prisma.scaffolderTaskStep.update({ where, data: { state: { ...state, [key]: value ?? null } as object } });
        return value;
      },
    };
    const result = await executeSteps({
      template,
      context,
      templater,
      workspacePath,
      actions: ACTIONS,
      done,
      isDryRun: false,
      signal: controller.signal,
      taskId: task.id,
      hooks,
    });
    if (result.state === 'completed') await finish('completed', 'Task completed', result.output);
    else if (result.state === 'cancelled') {
      await prisma.scaffolderTaskStep.updateMany({ where: { taskId: task.id, status: 'pending' }, data: { status: 'cancelled' } });
      await finish('cancelled', 'Task cancelled');
    } else {
      const step = template.spec.steps.find((s) => s.id === result.stepId);
      await finish('failed', `Task failed at step ${step?.name ?? result.stepId}: ${maskSecrets(result.error, secrets)}`);
    }
  } catch (err) {
    getLogger().error({ err, taskId: task.id }, 'scaffolder task crashed');
    await finish('failed', `Task failed: ${maskSecrets((err as Error).message, secrets)}`);
  } finally {
    clearInterval(heartbeat);
    templater?.dispose();
    Templater.prepareSpare();
    await fs.rm(workspacePath, { recursive: true, force: true });
  }
}
