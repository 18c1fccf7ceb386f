'use server';

import { z } from 'zod';
import { createAction } from '@/lib/auth/action';
import { AppError } from '@/lib/errors';
import { routePatternOf } from './model/route-patterns';
import { personOf, recordVisit } from '@/lib/auth/activity';
import { submitFeedback } from './mutations';
import { openRegistrationPullRequest } from './register';

// The portal's own pages send the path they show; the server keeps only its route pattern.
const pathSchema = z.string().max(2000).startsWith('/', 'must be a path of the portal, starting with "/"');

/** Counts the page the person is on (no URL, no ids: its route pattern). Not itself counted as an action. */
export const recordVisitAction = createAction(
  { name: 'insights.recordVisit', schema: z.object({ path: pathSchema }), access: 'catalog.read', recordUse: false },
  async ({ path }, { actor }) => {
    const pattern = routePatternOf(path);
    const person = personOf(actor);
    if (pattern && person) await recordVisit(person, pattern);
    return { recorded: Boolean(pattern && person) };
  },
);

const feedbackSchema = z.object({
  path: pathSchema,
  useful: z.boolean({ message: 'choose Yes or No' }),
  comment: z.string().max(2000, 'keep the comment under 2,000 characters').optional(),
});

export const giveFeedbackAction = createAction(
  { name: 'insights.feedback', schema: feedbackSchema, access: 'feedback.create', recordUse: false },
  async (input, { actor }) => {
    const pattern = routePatternOf(input.path);
    if (!pattern) throw new AppError('BAD_REQUEST', `${input.path.split('?')[0]} is not a page of the portal`);
    return submitFeedback(actor, { pattern, useful: input.useful, comment: input.comment });
  },
);

const registerSchema = z.object({
  repository: z.string().url('must be the repository’s URL'),
  owner: z.string().regex(/^group:[a-z0-9-_.]+\/[a-z0-9-_.]+$/i, 'choose the Group that owns the repository'),
});

export const registerRepositoryAction = createAction(
  { name: 'insights.register', schema: registerSchema, access: 'insights.register' },
  async (input, { actor }) => {
    const pr = await openRegistrationPullRequest(input.repository, input.owner, actor);
    return { prNumber: pr.number, prUrl: pr.url };
  },
);
