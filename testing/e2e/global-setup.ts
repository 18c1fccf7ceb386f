import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { seedArgoApplications } from '../../standins/argocd/seed';
import { createArgoCdStandIn } from '../../standins/argocd/server';
import { seedRepositoryActivity } from '../../standins/github/seed-activity';
import { seedAcme, SEED_TOKEN } from '../../standins/github/seed';
import { createGitHubStandIn } from '../../standins/github/server';
import { ensureBuild, freePort, startServer, STATE_ENV, writeState } from './server';

// Playwright global setup: build if needed, start the GitHub stand-in and one production server for
// the whole run (configured by e2e/wayfinder.e2e.yaml), and sign in once through local sign-in so
// specs start signed in (storage state in WAYFINDER_E2E_STORAGE). Workers inherit process.env.

export const E2E_ADMIN = { ref: 'user:default/sanne-devries', name: 'Sanne de Vries', login: 'sannedevries' };
/** The repository with GitHub Actions runs and pull requests (standins/github/seed-activity.ts), for the CI/CD and Pull requests tabs. */
export const E2E_CI_REPO = 'acme/rates-service';
/** A GitHub user of the stand-in with no User entity in the catalog. */
export const E2E_OUTSIDER = 'outsider-octocat';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env.WAYFINDER_E2E_URL && !process.env[STATE_ENV]) return async () => undefined; // an external server was given
  ensureBuild();
  const appPort = await freePort();
  const appUrl = `http://127.0.0.1:${appPort}`;
  const webhookSecret = 'e2e-webhook-secret';
  const github = await createGitHubStandIn({
    seed: (state) => {
      seedAcme(state);
      state.addUser({ login: E2E_OUTSIDER, name: 'Outside Octocat', email: null });
      seedRepositoryActivity(state, E2E_CI_REPO);
    },
    webhook: { url: `${appUrl}/api/webhooks/github`, secret: webhookSecret },
  });
  const argocd = await createArgoCdStandIn();
  // rates-service names argocd/app-name (examples/); its last deployment left it unhealthy.
  await seedArgoApplications(argocd, 'acme', [
    {
      name: 'rates-service',
      repoURL: `${github.url}/${E2E_CI_REPO}`,
      last: { health: 'Degraded', healthMessage: 'Deployment "rates-service" exceeded its progress deadline' },
    },
  ]);
  Object.assign(process.env, {
    E2E_ARGOCD_URL: argocd.url,
    E2E_ARGOCD_TOKEN: argocd.token,
    WAYFINDER_CONFIG: path.resolve(import.meta.dirname, '..', '..', 'e2e', 'wayfinder.e2e.yaml'),
    E2E_GITHUB_URL: github.url,
    E2E_GITHUB_TOKEN: SEED_TOKEN,
    GITHUB_WEBHOOK_SECRET: webhookSecret,
    NEXTAUTH_SECRET: 'e2e-nextauth-secret-0123456789',
  });
  const state = await startServer({ port: appPort });
  const stateFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-e2e-state-')), 'server.json');
  writeState(stateFile, state);
  process.env[STATE_ENV] = stateFile;
  process.env.WAYFINDER_E2E_URL = state.url;
  process.env.WAYFINDER_E2E_GITHUB_URL = github.url;
  console.log(`[e2e] Wayfinder is serving ${state.url} (data ${state.dataDir}, log ${state.logFile}); GitHub stand-in ${github.url}`);

  const storage = path.join(path.dirname(stateFile), 'signed-in.json');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${state.url}/sign-in`);
    await page.getByLabel('Sign in as').selectOption(E2E_ADMIN.ref);
    await page.getByRole('button', { name: 'Sign in locally' }).click();
    await page.waitForURL(`${state.url}/`);
    await page.context().storageState({ path: storage });
  } finally {
    await browser.close();
  }
  process.env.WAYFINDER_E2E_STORAGE = storage;
  // Global teardown stops the app; the stand-in lives in this process, so it stops here.
  return async () => {
    await github.stop();
    await argocd.stop();
  };
}
