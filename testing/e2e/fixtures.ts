import { test as base, expect } from '@playwright/test';

// Every spec imports `test` from here: baseURL is the server global setup started (its port is
// only known at run time, after playwright.config.ts was read), and every page starts signed in
// as the e2e admin (storage state saved by global setup). A spec that needs a signed-out browser
// uses `test.use({ storageState: { cookies: [], origins: [] } })`.
export const test = base.extend({
  baseURL: async ({}, use) => {
    const url = process.env.WAYFINDER_E2E_URL;
    if (!url) throw new Error('WAYFINDER_E2E_URL is unset: run the e2e suite with `npx playwright test`');
    await use(url);
  },
  storageState: async ({}, use) => {
    await use(process.env.WAYFINDER_E2E_STORAGE);
  },
});

export { expect };
