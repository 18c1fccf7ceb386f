import 'server-only';
import type { Subscriptions } from '@/lib/github/webhooks/dispatch';
import { onInstallation, onOrgChange } from './events/org-change';
import { onPullRequest } from './events/pull-request';
import { onPush } from './events/push';
import { onRepository } from './events/repository';

// How the catalog follows GitHub (wired to deliveries by lib/runtime's subscriber table): pushes
// re-read the locations they touch, repository changes move or remove locations, pull requests
// get a validation check, organisation and installation changes re-sync discovery and org sync.
export const subscriptions = {
  push: onPush,
  repository: onRepository,
  pull_request: onPullRequest,
  organization: onOrgChange,
  membership: onOrgChange,
  team: onOrgChange,
  installation: onInstallation,
  installation_repositories: onInstallation,
} satisfies Subscriptions;
