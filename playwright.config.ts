import { defineConfig, devices } from '@playwright/test';

// Debian's Chromium (Playwright's own browser download is not available on these machines).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  // One server, one embedded database: specs run one after another.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/playwright',
  globalSetup: './testing/e2e/global-setup.ts',
  globalTeardown: './testing/e2e/global-teardown.ts',
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? 'test-results/reports/playwright.json' }]],
  use: {
    ...devices['Desktop Chrome'],
    // A click or navigation that cannot happen fails on its own, naming what it waited for, rather
    // than running into the test's timeout (which would also leave the test's own cleanup undone).
    actionTimeout: 30_000,
    navigationTimeout: 45_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
  },
});
