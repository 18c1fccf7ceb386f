import 'server-only';
import type { Subscriptions } from '@/lib/github/webhooks/dispatch';
import { refreshRepositoryFacts } from './repository-facts';
import { rescoreRepositories } from './scoring';

// GitHub events that change repository facts (listed in lib/runtime's subscriber table). The catalog has
// already re-read a pushed descriptor by the time these run (its handler goes first), and its
// writes queue their own rescore; here the repository's facts are read again and its entities
// rescored with them. A failure is thrown: the delivery is marked failed and retried.

type RepositoryPayload = { repository: { html_url: string; name: string; owner: { login: string } } };

/** Reads the repository's facts again and rescores its entities when they changed. */
async function refreshAndRescore({ repository }: RepositoryPayload): Promise<void> {
  const name = `${repository.owner.login}/${repository.name}`;
  if (await refreshRepositoryFacts(name, repository.html_url)) await rescoreRepositories([name]);
}

export const subscriptions = {
  // Only the default branch's files are facts (a feature branch changes nothing yet).
  push: async (payload) => (payload.ref === `refs/heads/${payload.repository.default_branch}` ? refreshAndRescore(payload) : undefined),
  repository: refreshAndRescore,
  workflow_run: async (payload) => (payload.action === 'completed' ? refreshAndRescore(payload) : undefined),
  branch_protection_rule: refreshAndRescore,
  pull_request: async (payload) => (['opened', 'closed', 'reopened'].includes(payload.action) ? refreshAndRescore(payload) : undefined),
} satisfies Subscriptions;
