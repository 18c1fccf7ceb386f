import axe from 'axe-core';
import type { Page } from '@playwright/test';
import { expect, test } from '../testing/e2e/fixtures';
import { signedInAs } from '../testing/e2e/sign-in';

// Every kind of page passes axe-core's checks (WCAG 2.1 A and AA, and its best practices), in the
// light and the dark theme, on a desktop and on a phone: text contrast, links told apart from the
// text around them, names that match what is on the screen, heading order, landmarks, and no focus
// stop a screen reader cannot describe. Disclosures are opened first, so what they hold is checked.

const PHONE = { width: 390, height: 844 };

const PAGES = [
  '/',
  '/catalog',
  '/catalog?kind=api',
  '/catalog?kind=group',
  '/catalog?kind=template',
  '/catalog/component/default/shipments-service',
  '/catalog/component/default/shipments-service?tab=relations',
  '/catalog/component/default/shipments-service?tab=scorecards',
  '/catalog/component/default/shipments-service?tab=history',
  '/catalog/component/default/shipments-service?tab=yaml',
  '/catalog/component/default/rates-service?tab=ci',
  '/catalog/component/default/rates-service?tab=pulls',
  '/catalog/component/default/shipments-service/docs',
  '/catalog/component/default/shipments-service/docs/architecture',
  '/catalog/component/default/shipments-service/docs/events',
  '/catalog/system/default/shipment-management',
  '/catalog/domain/default/logistics-operations',
  '/catalog/group/default/team-shipments',
  '/catalog/user/default/priya-raman',
  '/catalog/resource/default/shipments-db',
  // One API of each definition type: OpenAPI, AsyncAPI, GraphQL, gRPC.
  '/catalog/api/default/shipments-api?tab=definition',
  '/catalog/api/default/shipment-events?tab=definition',
  '/catalog/api/default/analytics-graphql?tab=definition',
  '/catalog/api/default/forecasting-grpc?tab=definition',
  '/catalog/component/default/no-such-service',
  '/catalog/new',
  '/catalog-import',
  '/create',
  '/create/templates/default/nodejs-service',
  '/create/templates/default/add-techdocs',
  '/create/tasks',
  '/create/actions',
  '/create/templating-extensions',
  '/docs',
  '/search?q=shipments',
  '/search?q=service&type=software-catalog&lifecycle=production',
  '/scorecards',
  '/scorecards/team',
  '/scorecards/new',
  '/scorecards/production-readiness/edit',
  '/initiatives',
  '/initiatives/new',
  '/insights',
  '/insights/feedback',
  '/locations',
  '/problems',
  '/admin/audit',
  '/settings',
  '/settings/github',
  '/settings/tokens',
  '/no-such-page',
];

const prepared = new WeakSet<Page>();

/** The rules whose outcome depends on colour: the only ones run again in the dark theme. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

/**
 * The page's axe violations (of `only` those rules, or of all), one line each: the rule, what it
 * asks, and where (at most three places).
 */
async function violations(page: Page, only?: string[]): Promise<string[]> {
  return page.evaluate(async (only) => {
    const { violations } = await window.axe.run(document, {
      resultTypes: ['violations'],
      ...(only ? { runOnly: { type: 'rule', values: only } } : {}),
    });
    return violations.map(
      (v) =>
        `${v.id} (${v.help}): ${v.nodes
          .slice(0, 3)
          .map((n) => n.html.slice(0, 120))
          .join(' | ')}`,
    );
  }, only);
}

/**
 * Checks the page as it is with every rule in the light theme, then with the colour rules in the
 * dark theme (switching the emulated colour scheme restyles it without a reload; structure, names
 * and roles are the same in both), with its disclosures opened; each violation is named with
 * `where` and the theme.
 */
async function check(page: Page, where: string): Promise<string[]> {
  // axe loads into every document the page opens from its first check on (a third faster than adding
  // it to each); the document already open gets it once.
  if (!prepared.has(page)) {
    await page.addInitScript({ content: axe.source });
    prepared.add(page);
  }
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const v of await violations(page, scheme === 'dark' ? COLOUR_RULES : undefined)) found.push(`${where} (${scheme}): ${v}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Visits each path and checks it, gathering every violation so that one run names all of them. */
async function audit(page: Page, paths: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    await page.waitForLoadState('load');
    // React reveals streamed content (a loading.tsx skeleton's page) up to 300 ms after it arrives,
    // so at 'load' the skeleton, with no heading, may still be shown: wait for every reveal.
    await page.waitForFunction(() => !document.querySelector('div[hidden][id^="S:"]'));
    found.push(...(await check(page, path)));
  }
  return found;
}

/** No violations; those found lead the failure's message (CI's summary keeps its first lines). */
function expectNone(found: string[]) {
  expect(found, found.join(' ;; ')).toEqual([]);
}

declare global {
  interface Window {
    axe: typeof axe;
  }
}

test.describe('accessibility', () => {
  test('every page as an admin on a desktop', async ({ page }) => {
    test.setTimeout(240_000);
    expectNone(await audit(page, PAGES));
  });

  test('a member on a phone (a table that scrolls sideways can be reached with the keyboard)', async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, baseURL!, 'user:default/priya-raman', PHONE);
    const paths = [
      '/',
      '/catalog',
      '/catalog/component/default/shipments-service',
      '/scorecards',
      '/create/templates/default/nodejs-service',
      '/search?q=shipments',
    ];
    expectNone(await audit(page, paths));
    await page.context().close();
  });

  test('a dialog, and forms showing their errors', async ({ page }) => {
    const found: string[] = [];
    await page.goto('/catalog/component/default/shipments-service');
    await page.getByRole('button', { name: 'Edit ownership' }).click();
    await expect(page.getByRole('dialog', { name: 'Edit ownership' })).toBeVisible();
    found.push(...(await check(page, 'the Edit ownership dialog')));

    await page.goto('/create/templates/default/documentation-site');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText('Name is required', { exact: true })).toBeVisible();
    found.push(...(await check(page, 'a template form with its required fields empty')));

    await page.goto('/catalog?kind=component&lifecycle=production');
    await expect(page.locator('a[aria-current="true"]', { hasText: 'production' })).toBeVisible();
    found.push(...(await check(page, 'the catalog with a facet chosen')));

    await page.goto('/admin/leads');
    await page.getByRole('combobox', { name: 'Group', exact: true }).fill('team');
    await expect(page.getByRole('listbox').getByRole('option').first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    found.push(...(await check(page, 'a picker offering groups as one types')));
    expectNone(found);
  });

  test('the first Tab stop skips the navigation to the page', async ({ page }) => {
    await page.goto('/catalog');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    // The next Tab stop is in the page, not the navigation.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.querySelector('main')!.contains(document.activeElement))).toBe(true);
  });

  test('the user menu opens from the keyboard and Escape closes it, giving the focus back', async ({ page }) => {
    await page.goto('/catalog');
    const menu = page.getByLabel('user menu');
    await menu.focus();
    await page.keyboard.press('Enter');
    const tokens = page.getByRole('link', { name: 'API tokens' });
    await expect(tokens).toBeVisible();
    await tokens.focus();
    await page.keyboard.press('Escape');
    await expect(tokens).toBeHidden();
    await expect(menu).toBeFocused();
    // A click elsewhere closes it too.
    await page.keyboard.press('Enter');
    await expect(tokens).toBeVisible();
    await page.getByRole('heading', { level: 1 }).click();
    await expect(tokens).toBeHidden();
  });

  test('the Edit ownership dialog takes the focus, Escape closes it, and what was typed is kept', async ({ page }) => {
    await page.goto('/catalog/component/default/shipments-service');
    const opener = page.getByRole('button', { name: 'Edit ownership' });
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Edit ownership' });
    await expect(dialog).toBeVisible();
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
    await dialog.getByLabel('Tags').fill('kept, while closed');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(opener).toBeFocused();
    await opener.click();
    await expect(dialog.getByLabel('Tags')).toHaveValue('kept, while closed');
  });

  test.describe('signed out', () => {
    test.use({ storageState: { cookies: [], origins: [] } });
    test('the sign-in page', async ({ page }) => {
      expectNone(await audit(page, ['/sign-in']));
    });
  });
});
