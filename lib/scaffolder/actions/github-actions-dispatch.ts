import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput } from '../github';
import { defineAction } from './types';

// Backstage's github:actions:dispatch: starts a workflow_dispatch run.

export const githubActionsDispatchAction = defineAction({
  id: 'github:actions:dispatch',
  description: 'Starts a GitHub Actions workflow (workflow_dispatch) with inputs.',
  input: z.object({
    repoUrl: z.string().min(1),
    workflowId: z.string().min(1).describe('Workflow file name or id'),
    branchOrTagName: z.string().min(1).describe('Ref to run the workflow on'),
    workflowInputs: z.record(z.string(), z.string()).optional(),
    token: tokenInput,
  }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would dispatch ${i.workflowId} on ${t.owner}/${t.repo}@${i.branchOrTagName}`);
    await t.client.rest.actions
      .createWorkflowDispatch({ owner: t.owner, repo: t.repo, workflow_id: i.workflowId, ref: i.branchOrTagName, inputs: i.workflowInputs })
      .catch((err: unknown) => Promise.reject(explainRepoError(err, t, `dispatch workflow ${i.workflowId} of`)));
    ctx.logger.info(`Dispatched ${i.workflowId} on ${t.owner}/${t.repo}@${i.branchOrTagName}`);
  },
});
