import { Octokit } from '@octokit/rest';
import { SEED_TOKEN } from '../standins/github/seed';
import { XSS_MARKDOWN_PAYLOADS, XSS_MERMAID } from '../lib/docs/model/xss-corpus';
import { chooseRef } from '../testing/e2e/choose';
import { expect, test } from '../testing/e2e/fixtures';

// Docs-as-code as a reader and a writer see it: the Docs tab of a service read from GitHub,
// navigation, Mermaid, highlighted code, relative links, search down to a heading, a broken nav
// entry reported, and hostile content that does nothing in the browser.

const DOCS = '/catalog/component/default/shipments-service/docs';

test("the Docs tab renders a service's docs: nav, Mermaid, highlighted code, relative links and tabs", async ({ page }) => {
  await page.goto('/catalog/component/default/shipments-service');
  await page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'Docs' }).click();
  await expect(page).toHaveURL(new RegExp(`${DOCS}$`));
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toBeVisible();

  const nav = page.getByRole('complementary', { name: 'Docs pages' });
  await nav.getByRole('link', { name: 'Architecture' }).click();
  await expect(page).toHaveURL(new RegExp(`${DOCS}/architecture$`));
  const diagram = page.locator('.wf-mermaid[data-rendered="true"] svg');
  await expect(diagram.first()).toBeVisible();
  await expect(diagram.first()).toContainText('shipments-service');
  await expect(page.getByRole('img', { name: 'Outbox relay: rows flow from the database to Kafka' })).toHaveJSProperty('complete', true);
  expect(await page.getByRole('img', { name: /Outbox relay/ }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

  await page.getByRole('article').getByRole('link', { name: 'event schemas' }).click();
  await expect(page).toHaveURL(new RegExp(`${DOCS}/events$`));
  const tabs = page.getByRole('tablist');
  await tabs.getByRole('tab', { name: 'TypeScript' }).click();
  await expect(page.getByRole('tabpanel').filter({ hasText: 'export type ShipmentCreated' })).toBeVisible();
  await expect(page.getByRole('tabpanel').filter({ hasText: '"type": "ShipmentCreated"' })).toBeHidden();
  // The keyboard, as WAI-ARIA tabs: arrows move between tabs (wrapping), Home/End to the ends; only
  // the selected tab is a Tab stop; each panel is named by its tab.
  await tabs.getByRole('tab', { name: 'TypeScript' }).press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'JSON' })).toBeFocused();
  await expect(tabs.getByRole('tab', { name: 'JSON' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'JSON' })).toContainText('"type": "ShipmentCreated"');
  await expect(page.getByRole('tabpanel', { name: 'TypeScript' })).toBeHidden();
  await page.keyboard.press('ArrowLeft');
  await expect(tabs.getByRole('tab', { name: 'TypeScript' })).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tabs.getByRole('tab', { name: 'JSON' })).toBeFocused();
  await expect(tabs.getByRole('tab', { name: 'JSON' })).toHaveAttribute('tabindex', '0');
  await expect(tabs.getByRole('tab', { name: 'TypeScript' })).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('tabpanel', { name: 'JSON' })).toBeFocused();

  await nav.getByRole('link', { name: 'Runbook' }).click();
  const code = page.locator('figure.wf-code', { hasText: 'rotate-secret' });
  await expect(code.locator('figcaption')).toHaveText('terminal');
  // Shiki colours each token.
  expect(await code.locator('pre.shiki span[style*="color"]').count()).toBeGreaterThan(2);
  await expect(page.locator('figure.wf-code .line.highlighted')).toHaveCount(1);
  await expect(page.getByRole('link', { name: 'Edit this page ↗' })).toHaveAttribute(
    'href',
    'https://github.com/acme/shipments-service/edit/main/docs/runbook.md',
  );

  // The release notes page includes the repository's CHANGELOG.md with a snippet (`--8<--`).
  await nav.getByRole('link', { name: 'Release notes' }).click();
  const notes = page.getByRole('main');
  await expect(notes.getByRole('heading', { level: 2, name: '2.4.0 (2026-11-18)' })).toBeVisible();
  await expect(notes.getByText('A cancelled shipment no longer accepts tracking events.')).toBeVisible();
  await expect(notes.getByText('--8<--')).toHaveCount(0);
});

test('search finds a sentence in a runbook and lands on its heading', async ({ page }) => {
  await page.goto('/search?q=rotate+the+shipments-service+DB+password');
  await page.getByRole('link', { name: /Runbook › Rotate the shipments-service DB password/ }).click();
  await expect(page).toHaveURL(new RegExp(`${DOCS}/runbook#rotate-the-shipments-service-db-password$`));
  await expect(page.getByRole('heading', { name: 'Rotate the shipments-service DB password' })).toBeInViewport();
});

test('a nav entry to a missing file is marked, the rest renders, and the problem is listed', async ({ page }) => {
  await page.goto('/catalog/component/default/docs-broken-nav-example/docs');
  await expect(page.getByRole('alert').filter({ hasText: 'troubleshooting.md, which is not in the docs folder' })).toBeVisible();
  await expect(
    page.getByRole('complementary', { name: 'Docs pages' }).getByText('(missing: troubleshooting.md)').filter({ visible: true }),
  ).toBeVisible();
  await page.getByRole('article').getByRole('link', { name: 'setup page' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Setup' })).toBeVisible();
  // The entity's Problems tab counts and lists its docs problems beside its catalog ones.
  const tabs = page.getByRole('navigation', { name: 'Entity views' });
  await expect(tabs.getByRole('link', { name: 'Problems 1' })).toBeVisible();
  await tabs.getByRole('link', { name: /^Problems/ }).click();
  const docsProblems = page.getByRole('region', { name: 'Docs problems' });
  await expect(
    docsProblems.getByRole('row', { name: /mkdocs\.yml:1:1 nav-missing nav entry "Troubleshooting" points at troubleshooting\.md/ }),
  ).toBeVisible();
  await expect(page.getByText(/^No problems/)).toHaveCount(0);
  await expect(tabs.getByRole('link', { name: 'Problems 1' })).toBeVisible();
  await page.goto('/problems');
  await expect(page.getByText('nav entry "Troubleshooting" points at troubleshooting.md')).toBeVisible();
  // The page counts what it lists, and so does the home page's tile that leads to it.
  await expect(page.getByRole('main').getByRole('heading', { name: 'Docs', level: 2, exact: true })).toBeVisible();
  await expect(page.getByText(/\b1 docs problem in 1 site\./)).toBeVisible();
  await expect(page.getByText('No problems', { exact: true })).toHaveCount(0);
  const listed = await page.getByRole('main').locator('li').count();
  await page.goto('/');
  const tile = page.getByRole('link', { name: /problems?$/ });
  expect(Number((await tile.textContent())!.match(/\d+/)![0])).toBe(listed);
});

test('the docs list filters by an owner found as one types, or written as spec.owner is', async ({ page }) => {
  await page.goto('/docs');
  const owner = page.getByRole('combobox', { name: 'Filter docs by owner' });
  await chooseRef(owner, 'group:default/team-shipments', 'shipments');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/owner=group%3Adefault%2Fteam-shipments/);
  const rows = page.getByRole('main').locator('tbody tr');
  await expect(rows.filter({ hasText: 'shipments-service' })).toHaveCount(1);
  const owned = await rows.count();
  await expect(rows.filter({ hasText: 'team-shipments' })).toHaveCount(owned);
  await expect(owner).toHaveValue('group:default/team-shipments');
  await page.goto('/docs?owner=team-shipments');
  await expect(rows).toHaveCount(owned);
  await expect(page.getByText(`${owned} matching ${owned === 1 ? 'entity' : 'entities'}`)).toBeVisible();
});

test('hostile docs run nothing and load nothing from other origins', async ({ page, baseURL }) => {
  const octokit = new Octokit({ baseUrl: process.env.WAYFINDER_E2E_GITHUB_URL, auth: SEED_TOKEN });
  const body = [
    '# XSS corpus',
    '',
    'xss-corpus-start',
    '',
    ...XSS_MARKDOWN_PAYLOADS.flatMap((p) => [p, '']),
    ...XSS_MERMAID.flatMap((m) => ['```mermaid', m, '```', '']),
    'xss-corpus-end',
    '',
  ].join('\n');
  await octokit.rest.repos.createOrUpdateFileContents({
    owner: 'acme',
    repo: 'docs-broken-nav-example',
    path: 'docs/xss.md',
    message: 'Hostile page',
    content: Buffer.from(body).toString('base64'),
  });

  const dialogs: string[] = [];
  const foreign: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url());
  });
  // The push reaches Wayfinder as a webhook; the page appears once the rebuild is done.
  await expect(async () => {
    await page.goto('/catalog/component/default/docs-broken-nav-example/docs/xss');
    await expect(page.getByText('xss-corpus-end')).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.locator('.wf-mermaid').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  // Hover and click everything a payload could hang a handler on.
  // Fire what a payload could hang a handler on: pointer events everywhere, details toggled.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.wf-docs *'))
      for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus'])
        el.dispatchEvent(new MouseEvent(type, { bubbles: true, cancelable: true }));
    for (const d of document.querySelectorAll('.wf-docs details')) (d as HTMLDetailsElement).open = !(d as HTMLDetailsElement).open;
  });
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  expect(await page.locator('.wf-docs script, .wf-docs iframe, .wf-docs object, .wf-docs embed, .wf-docs form').count()).toBe(0);
  expect(await page.evaluate(() => document.querySelectorAll('[onerror],[onload],[onclick],[onmouseover],[ontoggle]').length)).toBe(0);
});

test('docs assets are served sandboxed and never as a document', async ({ page }) => {
  const res = await page.request.get('/api/docs/default/component/shipments-service/assets/img/outbox-flow.png');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toBe('image/png');
  expect(res.headers()['content-security-policy']).toMatch(/^sandbox/);
  expect(res.headers()['x-content-type-options']).toBe('nosniff');
  const api = await page.request.get('/api/docs/default/component/shipments-service');
  expect(await api.json()).toMatchObject({ name: 'Shipments Service', source: { type: 'github' } });
});
