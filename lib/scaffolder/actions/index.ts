import 'server-only';
import { z } from 'zod';
import { argocdCreateResourcesAction } from './argocd-create-resources';
import { catalogFetchAction } from './catalog-fetch';
import { catalogRegisterAction } from './catalog-register';
import { catalogWriteAction } from './catalog-write';
import { debugLogAction } from './debug-log';
import { debugWaitAction } from './debug-wait';
import { fetchPlainAction } from './fetch-plain';
import { fetchPlainFileAction } from './fetch-plain-file';
import { fetchTemplateAction } from './fetch-template';
import { fetchTemplateFileAction } from './fetch-template-file';
import { fsDeleteAction } from './fs-delete';
import { fsReaddirAction } from './fs-readdir';
import { fsRenameAction } from './fs-rename';
import { githubActionsDispatchAction } from './github-actions-dispatch';
import { githubAutolinksAction } from './github-autolinks';
import { githubDeployKeyAction } from './github-deploy-key';
import { githubEnvironmentAction } from './github-environment';
import { githubIssuesCreateAction } from './github-issues-create';
import { githubIssuesLabelAction } from './github-issues-label';
import { githubPagesAction } from './github-pages';
import { githubBranchProtectionAction } from './github-branch-protection';
import { githubRepoCreateAction } from './github-repo-create';
import { githubRepoPushAction } from './github-repo-push';
import { githubWebhookAction } from './github-webhook';
import { publishGithubAction } from './publish-github';
import { publishGithubPullRequestAction } from './publish-github-pull-request';
import type { ScaffolderAction } from './types';

// The built-in actions, by Backstage id.
const LIST: ScaffolderAction[] = [
  fetchTemplateAction,
  fetchTemplateFileAction,
  fetchPlainAction,
  fetchPlainFileAction,
  fsRenameAction,
  fsDeleteAction,
  fsReaddirAction,
  debugLogAction,
  debugWaitAction,
  publishGithubAction,
  publishGithubPullRequestAction,
  githubRepoCreateAction,
  githubRepoPushAction,
  githubActionsDispatchAction,
  githubBranchProtectionAction,
  githubWebhookAction,
  githubEnvironmentAction,
  githubDeployKeyAction,
  githubIssuesCreateAction,
  githubIssuesLabelAction,
  githubAutolinksAction,
  githubPagesAction,
  catalogRegisterAction,
  catalogWriteAction,
  catalogFetchAction,
  argocdCreateResourcesAction,
] as ScaffolderAction[];

export const ACTIONS: ReadonlyMap<string, ScaffolderAction> = new Map(LIST.map((a) => [a.id, a]));

/** GET /v2/actions: every action with its input and output JSON Schema (Backstage's ListActionsResponse). */
export function describeActions() {
  return LIST.map((a) => ({
    id: a.id,
    description: a.description,
    schema: {
      input: z.toJSONSchema(a.input, { io: 'input', unrepresentable: 'any' }),
      ...(a.output ? { output: z.toJSONSchema(a.output, { io: 'output', unrepresentable: 'any' }) } : {}),
    },
  }));
}
