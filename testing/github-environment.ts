import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as webhookRoute from '@/app/api/webhooks/github/route';
import { resetConfigForTests } from '@/lib/config/load-config';
import { resetEnvForTests } from '@/lib/env';
import { queueDepths, startWorkers } from '@/lib/jobs/define-job';
import { stopQueue } from '@/lib/jobs/queue';
import { processDeliveryJob } from '@/lib/runtime/webhooks';
import { createGitHubStandIn, type GitHubStandIn } from '@/standins/github/server';
import { SEED_TOKEN, seedAcme } from '@/standins/github/seed';
import { startRouteServer } from './route-server';

// What GitHub integration tests share: the seeded GitHub stand-in, our webhook route served over
// HTTP as its webhook target, a config whose integration points at the stand-in, and the job
// worker that processes deliveries. Call inside beforeAll (after useTestDb), close in afterAll.

export type GithubEnvironment = { gh: GitHubStandIn; appUrl: string; secret: string; dir: string; close(): Promise<void> };

const ENV_KEYS = ['WF_TEST_GITHUB_TOKEN', 'WAYFINDER_CONFIG', 'GITHUB_WEBHOOK_SECRET'];

/** Extra configuration: lines under `catalog:` (indented by the caller), and further top-level sections. */
export type ExtraConfig = { catalog?: string[]; sections?: string[] };

export async function startGithubEnvironment(secret: string, extra: ExtraConfig = {}): Promise<GithubEnvironment> {
  const app = await startRouteServer([[/^\/api\/webhooks\/github$/, [], webhookRoute]]);
  const gh = await createGitHubStandIn({ seed: seedAcme, webhook: { url: `${app.url}/api/webhooks/github`, secret } });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-gh-'));
  fs.writeFileSync(
    path.join(dir, 'wayfinder.config.yaml'),
    [
      'catalog:',
      '  rules: [{ allow: [Component, API, Resource, System, Domain, Group, User, Location, Template] }]',
      '  fileLocationRoots: [.]',
      ...(extra.catalog ?? []),
      'integrations:',
      '  github:',
      '    - host: github.local',
      `      apiBaseUrl: ${gh.url}`,
      `      webBaseUrl: ${gh.url}`,
      '      token: ${WF_TEST_GITHUB_TOKEN}',
      ...(extra.sections ?? []),
      '',
    ].join('\n'),
  );
  Object.assign(process.env, {
    WF_TEST_GITHUB_TOKEN: SEED_TOKEN,
    WAYFINDER_CONFIG: path.join(dir, 'wayfinder.config.yaml'),
    GITHUB_WEBHOOK_SECRET: secret,
  });
  resetEnvForTests();
  resetConfigForTests();
  await startWorkers([processDeliveryJob]);
  return {
    gh,
    appUrl: app.url,
    secret,
    dir,
    async close() {
      await stopQueue();
      await gh.stop();
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
      for (const k of ENV_KEYS) delete process.env[k];
      resetEnvForTests();
      resetConfigForTests();
    },
  };
}

/** Polls `read` until `ok` holds or `ms` pass; returns the last value read. */
export async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until background work has settled: no webhook delivery queued and no request to the
 * stand-in for `quietMs` (a delivery's refresh or scorecards read GitHub after it is taken).
 */
export async function untilSettled(env: GithubEnvironment, quietMs = 500): Promise<void> {
  const log = env.gh.state.world.requestLog;
  await until(
    async () => ({ queued: (await queueDepths([processDeliveryJob]))[processDeliveryJob.name], last: log.at(-1)?.at ?? 0 }),
    ({ queued, last }) => queued === 0 && Date.now() - last >= quietMs,
    15_000,
  );
}
