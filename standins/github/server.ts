import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deploymentRoutes } from './deployments';
import { createHandler } from './http';
import { oauthRoutes, rawRoute } from './oauth';
import { accountRoutes } from './routes-accounts';
import { gitRoutes } from './routes-git';
import { pullRoutes } from './routes-pulls';
import { environmentRoutes } from './routes-environments';
import { repoSettingRoutes } from './routes-repo-settings';
import { repoRoutes } from './routes-repos';
import { StandInState } from './state';
import { webPages } from './web';
import type { WebhookConfig } from './webhooks';

// A local, stateful GitHub: REST API + OAuth web flow + webhooks on one origin.

export interface GitHubStandInOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  webhook?: WebhookConfig;
  /** Arranges the initial world; runs before the webhook is attached, so it sends nothing. */
  seed?: (state: StandInState) => void | Promise<void>;
}

export interface GitHubStandIn {
  /** API base (use as Octokit's baseUrl) and web base for /login/oauth/*. */
  url: string;
  state: StandInState;
  stop(): Promise<void>;
}

export async function createGitHubStandIn(options: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  let url = '';
  const state = new StandInState(() => url, null);
  const routes = [
    ...oauthRoutes,
    ...accountRoutes,
    ...repoRoutes,
    ...repoSettingRoutes,
    ...environmentRoutes,
    ...gitRoutes,
    ...pullRoutes,
    ...deploymentRoutes,
    rawRoute,
  ];
  const server = createServer(createHandler(state, routes, () => url, webPages));
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  url = `http://${host}:${(server.address() as AddressInfo).port}`;
  if (options.seed) await options.seed(state);
  state.hooks.deliveries.length = 0;
  if (options.webhook) state.setWebhook(options.webhook);
  return {
    url,
    state,
    async stop() {
      await state.flushWebhooks();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
