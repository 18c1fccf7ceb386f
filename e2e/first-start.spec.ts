import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCatalog } from '../bench/generate';
import { E2E_ADMIN } from '../testing/e2e/global-setup';
import { expect, test } from '../testing/e2e/fixtures';
import { freePort, startServer, stopServer, type ServerState } from '../testing/e2e/server';

// The very first start of a portal with a large catalog: it answers at once (health, API, pages)
// and the catalog fills in behind, with its progress on the home and catalog pages. A server of its
// own: the example organisation from examples/ first (so its people can sign in), then a generated
// catalog of 10,000 components that takes a while to read.

test.use({ storageState: { cookies: [], origins: [] } });

let server: ServerState;
let root: string;
/** The status of every catalog API answer from the moment the server listens until it is healthy. */
let earlyStatuses: number[] = [];

const TOKEN = 'first-start-probe-token-0123456789';

/**
 * Asks the catalog API (facets, a query, an entity by name: the routes scripts/server.ts serves
 * without Next), each in a loop of its own, until `stop`, keeping each answer's status; refused
 * connections (not listening yet) are skipped.
 */
async function probeApi(url: string, stop: { done: boolean }): Promise<number[]> {
  const paths = [
    '/api/catalog/entity-facets?facet=kind',
    '/api/catalog/entities/by-query?limit=5',
    '/api/catalog/entities/by-name/group/default/x',
  ];
  const statuses: number[] = [];
  await Promise.all(
    paths.map(async (p) => {
      while (!stop.done) {
        try {
          const res = await fetch(url + p, { headers: { authorization: `Bearer ${TOKEN}` } });
          await res.arrayBuffer();
          statuses.push(res.status);
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 10));
      }
    }),
  );
  return statuses;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-first-start-'));
  generateCatalog(10_000, path.join(root, 'catalog'));
  const examples = path.resolve(import.meta.dirname, '..', 'examples', 'catalog-info.yaml');
  const config = path.join(root, 'wayfinder.config.yaml');
  fs.writeFileSync(
    config,
    [
      'catalog:',
      '  rules:',
      '    - allow: [Component, API, Resource, System, Domain, Group, User, Location, Template]',
      '  locations:',
      `    - { type: file, target: ${examples} }`,
      '    - { type: file, target: ./catalog }',
      'auth:',
      '  local: { enabled: true, allowInProduction: true }',
      `  serviceTokens: [{ name: probe, token: ${TOKEN} }]`,
      '',
    ].join('\n'),
  );
  const port = await freePort();
  const stop = { done: false };
  const probing = probeApi(`http://127.0.0.1:${port}`, stop);
  try {
    server = await startServer({ port, env: { WAYFINDER_CONFIG: config }, untilLoaded: false });
  } finally {
    stop.done = true;
    earlyStatuses = await probing;
  }
});

test.afterAll(async () => {
  if (server) await stopServer(server);
  fs.rmSync(root, { recursive: true, force: true });
});

const catalogState = async () =>
  (await (await fetch(`${server.url}/api/health`)).json()) as { ok: boolean; checks: { catalog: { detail: string } } };

test('the catalog API never fails while the server starts: requests before the database is migrated wait for it', () => {
  expect(earlyStatuses.length).toBeGreaterThan(0);
  // by-name of a missing entity is a 404; nothing else but 200, and never a 500.
  expect(earlyStatuses.filter((s) => s !== 200 && s !== 404)).toEqual([]);
});

test('the portal answers while the catalog loads, shows "Loading catalog: n of m locations", and then the whole catalog', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const first = await catalogState();
  expect(first.ok).toBe(true);
  expect(first.checks.catalog.detail).toMatch(/^loading: \d+ of \d+ locations$/);

  // The example organisation is read first; the generated catalog is still loading after it.
  await expect
    .poll(
      async () => {
        const detail = (await catalogState()).checks.catalog.detail;
        const m = /^loading: (\d+) of (\d+) locations$/.exec(detail);
        return m ? Number(m[2]) - Number(m[1]) : detail;
      },
      { timeout: 60_000, intervals: [200] },
    )
    .toBe(1);

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByLabel('Sign in as').selectOption(E2E_ADMIN.ref);
  await page.getByRole('button', { name: 'Sign in locally' }).click();
  await page.waitForURL(`${server.url}/`);
  const banner = page.getByRole('status').filter({ hasText: 'Loading catalog' });
  await expect(banner).toContainText(/Loading catalog: \d+ of \d+ locations/);
  await page.goto(`${server.url}/catalog`);
  await expect(banner).toContainText(/Loading catalog: \d+ of \d+ locations/);

  // Once every location is read the banner goes (the page refreshes itself) and the catalog is whole.
  await expect.poll(async () => (await catalogState()).checks.catalog.detail, { timeout: 150_000, intervals: [1000] }).toBe('loaded');
  await expect(banner).toHaveCount(0, { timeout: 15_000 });
  await page.goto(`${server.url}/catalog?kind=component`);
  await expect(page.getByText(/of 10,0\d\d/)).toBeVisible();
  await context.close();
});

test('pages that list what grows with the catalog show one page of it', async ({ browser }) => {
  test.setTimeout(180_000);
  await expect.poll(async () => (await catalogState()).checks.catalog.detail, { timeout: 150_000, intervals: [1000] }).toBe('loaded');
  // A service token browses as the bench does; a page is read whole and measured.
  const context = await browser.newContext({ extraHTTPHeaders: { authorization: `Bearer ${TOKEN}` } });
  const page = await context.newPage();
  const open = async (url: string) => {
    const res = await page.goto(`${server.url}${url}`);
    expect(res?.status()).toBe(200);
    return (await res!.body()).length;
  };
  // The generated catalog's location (from the config file: the catalog API lists registered ones).
  await open('/locations');
  const generated = await page.locator('a[href^="/locations/"][title$="/catalog"]').getAttribute('href');

  // The generated catalog's location: 14,000-odd entities, 100 a page (it was one 44 MB page).
  expect(await open(generated!)).toBeLessThan(1_000_000);
  await expect(page.getByText(/^Entities \(14,\d{3}\)$/)).toBeVisible();
  const pager = page.getByRole('navigation', { name: 'Entity pages' });
  await expect(pager).toContainText(/Page 1 of 14\d/);
  await pager.getByRole('link', { name: 'Next →' }).click();
  await expect(pager).toContainText(/Page 2 of 14\d/);
  await expect(page).toHaveURL(/\?page=2$/);

  // The docs: every documented entity, 50 a page (it was one 50 MB page).
  expect(await open('/docs')).toBeLessThan(1_000_000);
  await expect(page.getByText(/^10,0\d\d documented entities, 50 a page$/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Documented entities' }).getByRole('row')).toHaveCount(51);
  await expect(page.getByRole('navigation', { name: 'Docs pages' })).toContainText(/Page 1 of 20\d/);

  // The organisation's root group owns everything through its teams: 50 a page (it was the first 500).
  expect(await open('/catalog/group/default/acme')).toBeLessThan(1_000_000);
  const owned = page.getByRole('region', { name: /^Owned, including by child groups 1\d,\d{3}$/ });
  await expect(owned.getByRole('navigation', { name: 'Owned entity pages' })).toContainText(/Page 1 of 2\d\d/);

  // Tokens belong to people: a service token is told so, not shown an error.
  await open('/settings/tokens');
  await expect(page.getByText('Only a person has API tokens')).toBeVisible();
  await context.close();
});
