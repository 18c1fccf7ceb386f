import 'server-only';
import { getLogger } from '@/lib/observability/logger';
import { refreshRepositoryFacts } from './repository-facts';
import { rescoreRepositories } from './scoring';

// GitHub events that change repository facts (COMMON.md's subscription contract). The catalog has
// already re-read a pushed descriptor by the time these run (its handler goes first), and its
// writes queue their own rescore; here the repository's facts are read again and its entities
// rescored with them.

type Payload = Record<string, unknown>;

function repositoryIn(payload: Payload): { name: string; webUrl: string } | null {
  const repo = payload.repository as { full_name?: unknown; html_url?: unknown } | undefined;
  return typeof repo?.full_name === 'string' && typeof repo.html_url === 'string' ? { name: repo.full_name, webUrl: repo.html_url } : null;
}

async function refreshAndRescore(payload: Payload, ctx: { deliveryId: string }): Promise<void> {
  const repo = repositoryIn(payload);
  if (!repo) return;
  try {
    if (await refreshRepositoryFacts(repo.name, repo.webUrl)) await rescoreRepositories([repo.name]);
  } catch (err) {
    getLogger().error({ err, repository: repo.name, deliveryId: ctx.deliveryId }, 'scorecards: repository facts refresh failed');
  }
}

export const subscriptions = {
  push: async (payload: Payload, ctx: { deliveryId: string }) => {
    const repo = repositoryIn(payload) && (payload.repository as { default_branch?: string; master_branch?: string });
    // Only the default branch's files are facts (a feature branch changes nothing yet).
    if (repo && payload.ref !== `refs/heads/${repo.default_branch ?? repo.master_branch}`) return;
    await refreshAndRescore(payload, ctx);
  },
  repository: refreshAndRescore,
  workflow_run: async (payload: Payload, ctx: { deliveryId: string }) => {
    if (payload.action === 'completed') await refreshAndRescore(payload, ctx);
  },
  branch_protection_rule: refreshAndRescore,
  pull_request: async (payload: Payload, ctx: { deliveryId: string }) => {
    if (['opened', 'closed', 'reopened'].includes(String(payload.action))) await refreshAndRescore(payload, ctx);
  },
};
