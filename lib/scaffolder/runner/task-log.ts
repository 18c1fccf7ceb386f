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

export async function appendTaskEvent(
  taskId: string,
  event: { type: TaskEventType; message: string; stepId?: string | null; level?: TaskLevel },
  secrets: Readonly<Record<string, string>> = {},
): Promise<void> {
  const prisma = await getPrisma();
  await prisma.scaffolderTaskEvent.create({
    data: {
      taskId,
      type: event.type,
      stepId: event.stepId ?? null,
      level: event.level ?? 'info',
      message: maskSecrets(event.message, secrets).slice(0, MAX_LOG_LINE),
    },
  });
  taskEvents().emit(taskId);
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
