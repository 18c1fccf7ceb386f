'use server';

import { z } from 'zod';
import { createAction } from '@/lib/auth/action';
import { dryRun, dryRunSchema } from './dry-run';
import { cancelTask, createTask, createTaskSchema, retryTask, retryTaskSchema } from './mutations';
import { shownPagesSchema, shownParameterPages } from './submission';
import { tryExpression, tryExpressionSchema } from './templating-extensions';

// The UI's server actions: the same implementation as /api/scaffolder/v2 (mutations.ts, dry-run.ts).

export const createTaskAction = createAction(
  { name: 'scaffolder.createTask', schema: createTaskSchema, access: 'scaffolder.task.create' },
  (input, { actor }) => createTask(actor, input),
);

export const cancelTaskAction = createAction(
  { name: 'scaffolder.cancelTask', schema: z.object({ taskId: z.uuid() }), access: 'scaffolder.task.create' },
  ({ taskId }, { actor }) => cancelTask(actor, taskId),
);

export const retryTaskAction = createAction(
  { name: 'scaffolder.retryTask', schema: retryTaskSchema.extend({ taskId: z.uuid() }), access: 'scaffolder.task.create' },
  ({ taskId, ...rest }, { actor }) => retryTask(actor, taskId, rest),
);

export const dryRunAction = createAction(
  { name: 'scaffolder.dryRun', schema: dryRunSchema, access: 'scaffolder.task.create' },
  (input, { actor }) => dryRun(actor, input),
);

/** The run form asks, page by page, which parameter pages a template's `when` conditions show. */
export const shownParameterPagesAction = createAction(
  { name: 'scaffolder.shownParameterPages', schema: shownPagesSchema, access: 'scaffolder.task.create', recordUse: false },
  (input) => shownParameterPages(input),
);

/** The templating extensions page's try box: one expression rendered as a run would render it. */
export const tryExpressionAction = createAction(
  { name: 'scaffolder.tryExpression', schema: tryExpressionSchema, access: 'scaffolder.task.create' },
  (input, { actor }) => tryExpression(actor, input),
);
