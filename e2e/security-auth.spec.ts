import type { Browser, Page } from '@playwright/test';
import { appPaths } from '../testing/app-paths';
import { expect, test } from '../testing/e2e/fixtures';

// Security suite (issue 9), as people see it: a GitHub team maintainer gets his lead rights from
// org sync even though the example files also describe him, a member opening an admin page gets
// a 403 page with a way back, and a sign-in callback cannot send anyone to another origin.

const ENTITY = '/catalog/component/default/eta-predictor'; // owned by team-routing

async function newSignedOutPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  return context.newPage();
}

// Org sync for the acme organisation, registered by the e2e admin and unregistered when the test
// ends, however it ends: a fixture's teardown runs after a failure or a timeout too, where a
// `finally` in the test would need its closed page, and it finds the location by its target, so a
// registration that timed out here but landed on the server goes too (a location left behind would
// give the later specs a second User for every person).
const withOrgSync = test.extend<{ orgSync: void }>({
  orgSync: [
    async ({ playwright, baseURL }, use) => {
      const admin = await playwright.request.newContext({ baseURL, storageState: process.env.WAYFINDER_E2E_STORAGE });
      const target = `${process.env.WAYFINDER_E2E_GITHUB_URL}/acme`;
      try {
        expect((await admin.post('/api/catalog/locations', { data: { type: 'github-org', target } })).status()).toBe(201);
        await use();
      } finally {
        const locations = (await (await admin.get('/api/catalog/locations')).json()) as { data: { id: string; target: string } }[];
        for (const { data } of locations.filter((l) => l.data.target === target)) {
          expect((await admin.delete(`/api/catalog/locations/${data.id}`)).status()).toBe(204);
        }
        await admin.dispose();
      }
    },
    { auto: true },
  ],
});

withOrgSync('a GitHub team maintainer signs in and edits his team’s entity (lead through org sync)', async ({ page, browser, baseURL }) => {
  // jonasweber maintains team-routing in GitHub; the example files also have a User for him
  // (jonas-weber). He signs in with GitHub and is one person: org sync's User, a lead of team-routing.
  const jonas = await newSignedOutPage(browser, baseURL!);
  await jonas.goto(ENTITY);
  await jonas.getByRole('button', { name: 'Sign in with GitHub' }).click();
  await jonas.getByRole('link', { name: /^jonasweber/ }).click();
  await expect(jonas).toHaveURL(new RegExp(`${ENTITY}$`));
  await expect(jonas.getByRole('heading', { level: 1, name: 'eta-predictor' })).toBeVisible();

  await jonas.getByRole('button', { name: 'Edit ownership' }).click();
  const dialog = jonas.getByRole('dialog', { name: 'Edit ownership' });
  await dialog.getByLabel('Lifecycle').fill('deprecated');
  await dialog.getByRole('button', { name: 'Open pull request' }).click();
  await expect(jonas.getByRole('main').getByRole('link', { name: /^PR #\d+$/ })).toBeVisible();
  await jonas.context().close();

  // The audit log has his change request, for the admin to see.
  await page.goto('/admin/audit');
  await expect(page.getByRole('row', { name: /user:default\/jonasweber.*entity\.change-requested/ })).toBeVisible();
});

test('a member opening an admin page gets a 403 page with a way back', async ({ browser, baseURL }) => {
  const member = await newSignedOutPage(browser, baseURL!);
  await member.goto('/sign-in');
  await member.getByLabel('Sign in as').selectOption('user:default/priya-raman');
  await member.getByRole('button', { name: 'Sign in locally' }).click();
  await member.waitForURL(/\/$/);
  for (const path of ['/admin/leads', '/admin/audit']) {
    const res = await member.goto(path);
    expect(res?.status()).toBe(403);
    await expect(member.getByRole('heading', { level: 1, name: 'You need admin rights' })).toBeVisible();
  }
  await member.getByRole('link', { name: 'Back to the home page' }).click();
  await expect(member).toHaveURL(`${baseURL}/`);
  await member.context().close();
});

// Local sign-in needs no password, and the demo's configuration forces it on in production: it is
// taken only from the machine the portal runs on. The tests reach the server from 127.0.0.1; a proxy's
// X-Forwarded-For stands for a visitor from elsewhere.
test('local sign-in is refused to a visitor from another machine, and the server’s own address cannot be forged', async ({
  browser,
  baseURL,
}) => {
  const remote = await browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { 'x-forwarded-for': '203.0.113.7' },
  });
  const page = await remote.newPage();
  await page.goto('/sign-in');
  await expect(page.getByText(/^Local sign-in is taken only on the machine the portal runs on/)).toBeVisible();
  await expect(page.getByLabel('Sign in as')).toHaveCount(0);
  await remote.close();

  // The form was loaded from this machine; the submission comes through a proxy for another.
  const member = await browser.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    // A client's own claim to be the server's peer is written over with the real one (127.0.0.1).
    extraHTTPHeaders: { 'x-wayfinder-peer-address': '203.0.113.9' },
  });
  const form = await member.newPage();
  await form.goto('/sign-in');
  await form.getByLabel('Sign in as').selectOption('user:default/sanne-devries');
  await form.setExtraHTTPHeaders({ 'x-forwarded-for': '198.51.100.4' });
  await form.getByRole('button', { name: 'Sign in locally' }).click();
  await expect(form.locator('form').getByRole('alert')).toHaveText(/^local sign-in is taken only on the machine the portal runs on/);
  expect((await member.cookies()).filter((c) => /session/.test(c.name))).toEqual([]);
  await member.close();
});

test('a sign-in callback pointing to another origin lands on the portal’s home page', async ({ page, baseURL }) => {
  for (const callback of ['%2F%5Cevil.example%2F', '%2F%09%2Fevil.example', '%2F%2Fevil.example', 'https%3Aevil.example']) {
    await page.goto(`/sign-in?callbackUrl=${callback}`);
    await expect(page).toHaveURL(`${baseURL}/`);
  }
});

// A client navigation asks the server for the new page's segment alone: the request a link click
// sends carries the router state of the page it leaves, and Next renders only what is below the
// layouts the browser already has, so the portal layout's sign-in check does not run for it. A
// forged session cookie gets such a request past proxy.ts (which only looks for the cookie's name),
// so every portal page checks for itself (pageActor).
const FROM_HOME = encodeURIComponent(JSON.stringify(['', { children: ['(portal)', { children: ['__PAGE__', {}] }] }]));
const NAVIGATION = { rsc: '1', 'next-router-state-tree': FROM_HOME };

/** Values for the params of the portal's pages: an entity of the example organisation, else an id. */
const PARAM: Record<string, string> = { kind: 'component', namespace: 'default', name: 'shipments-service' };
const paramValue = (name: string) => PARAM[name] ?? '4a1c8a1e-0000-4000-8000-000000000000';

test('a client navigation with a forged session cookie gets every portal page as a redirect to sign-in', async ({
  playwright,
  baseURL,
}) => {
  // With a real session, the request renders the page without the layout (no skip link, no menu):
  // so what refuses the forged cookie below is each page's own check, not the layout's.
  const admin = await playwright.request.newContext({
    baseURL,
    storageState: process.env.WAYFINDER_E2E_STORAGE,
    extraHTTPHeaders: NAVIGATION,
  });
  const problems = await (await admin.get('/problems')).text();
  expect(problems).toContain('"children":"Problems"');
  expect(problems).not.toContain('Skip to content');
  await admin.dispose();

  const paths = appPaths('app/(portal)', { param: paramValue });
  expect(paths.length).toBeGreaterThan(30);
  const forged = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { ...NAVIGATION, cookie: 'next-auth.session-token=forged' },
  });
  for (const path of paths) {
    const body = await (await forged.get(path)).text();
    expect.soft(body, path).toContain('NEXT_REDIRECT;replace;/sign-in;');
  }
  await forged.dispose();
});
