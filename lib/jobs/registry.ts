import 'server-only';
import type { JobDefinition } from './define-job';

/** Every job this app runs; workers (in-app or `npm run worker`) poll all of them. */
export const ALL_JOBS: JobDefinition[] = [];

/** Work to do once the queue is up: schedules and start-up enqueues. */
export async function onQueueStarted(): Promise<void> {}
