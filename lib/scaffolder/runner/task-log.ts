import 'server-only';
import { EventEmitter } from 'node:events';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import type { ActionLogger } from '../actions/types';
import { maskSecrets } from '../model/secrets';

// The task log: rows in ScaffolderTaskEvent (a reload shows everything so far) plus an in-process
// signal so a stream on this instance sends a new line at once; streams on other instances poll.
// Every message is masked before it is written: no secret value reaches the table.

export type TaskEventType = 'log' | 'completion' | 'cancelled' | 'recovered';
export type TaskLevel = 'info' | 'warn' | 'error';

const KEY = Symbol.for('wayfinder.scaffolder.events');
const store = globalThis as unknown as { [KEY]?: EventEmitter };

export function taskEvents(): EventEmitter {
  if (!store[KEY]) {
    store[KEY] = new EventEmitter();
    store[KEY].setMaxListeners(0);
  }
  return store[KEY];
}

/** Characters of one log line that are kept (a task's and a dry run's); the rest is cut. */
export const MAX_LOG_LINE = 64_000;

/**
 * Bytes of log one task keeps in all, over its runs (its retries' too): an action may log without
 * end (debug:log of every workspace file, with `each:`), and every line is a row. Past it, lines
 * are not stored and the task goes on.
 */
export const MAX_TASK_LOG_BYTES = 4 * 1024 * 1024;

type TaskEvent = { type: TaskEventType; message: string; stepId?: string | null; level?: TaskLevel };

/** A line as it is stored: masked, then cut at MAX_LOG_LINE. */
const storedText = (message: string, secrets: Readonly<Record<string, string>>) => maskSecrets(message, secrets).slice(0, MAX_LOG_LINE);

async function insertTaskEvent(taskId: string, event: TaskEvent): Promise<void> {
  const prisma = await getPrisma();
  await prisma.scaffolderTaskEvent.create({
    data: { taskId, type: event.type, stepId: event.stepId ?? null, level: event.level ?? 'info', message: event.message },
  });
  taskEvents().emit(taskId);
}

export async function appendTaskEvent(taskId: string, event: TaskEvent, secrets: Readonly<Record<string, string>> = {}): Promise<void> {
  await insertTaskEvent(taskId, { ...event, message: storedText(event.message, secrets) });
}

/**
 * The log lines of one run of a task, held to MAX_TASK_LOG_BYTES with what the task's log holds
 * already (read once here; each line is counted in memory, so a line costs no extra query). The
 * line that would pass it is replaced by one that says where the log was cut; later ones are dropped.
 */
export async function taskLogWriter(
  taskId: string,
  secrets: Readonly<Record<string, string>>,
): Promise<(message: string, level: TaskLevel, stepId?: string) => Promise<void>> {
  const prisma = await getPrisma();
  const [{ bytes }] = await prisma.$queryRaw<{ bytes: bigint }[]>`
    SELECT COALESCE(SUM(octet_length("message")), 0)::bigint AS bytes FROM "ScaffolderTaskEvent" WHERE "taskId" = ${taskId}::uuid`;
  let used = Number(bytes);
  let cut = false;
  return async (message, level, stepId) => {
    if (cut) return;
    const text = storedText(message, secrets);
    used += Buffer.byteLength(text);
    if (used <= MAX_TASK_LOG_BYTES) return insertTaskEvent(taskId, { type: 'log', message: text, level, stepId });
    cut = true;
    await insertTaskEvent(taskId, {
      type: 'log',
      level: 'warn',
      stepId,
      message: `The log was cut at ${MAX_TASK_LOG_BYTES.toLocaleString('en-US')} bytes (a task's log keeps ${MAX_TASK_LOG_BYTES / 1024 / 1024} MiB): later lines are not stored; the task goes on`,
    });
  };
}

/** A logger whose lines are written in order; flush() waits for them. */
export function stepLogger(
  write: (message: string, level: 'info' | 'warn' | 'error') => Promise<void>,
): ActionLogger & { flush(): Promise<void> } {
  let chain = Promise.resolve();
  const push = (level: 'info' | 'warn' | 'error') => (message: string) => {
    chain = chain.then(() => write(message, level)).catch((err) => getLogger().warn({ err }, 'could not write a task log line'));
  };
  return { info: push('info'), warn: push('warn'), error: push('error'), flush: () => chain };
}
