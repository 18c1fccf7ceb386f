import { restartServer } from '../testing/e2e/server';
import { expect, test } from '../testing/e2e/fixtures';
import { signedInAs } from '../testing/e2e/sign-in';

// The catalog as a developer uses it: find a service, see who owns it and what it depends on,
// register a repository's descriptor, and see exactly what is wrong with a broken one.

test('facets narrow the catalog and keep their state in the URL', async ({ page }) => {
  await page.goto('/catalog');
  // The list opens on Components (the kind selector); facets narrow within it.
  await expect(page.getByLabel('Kind', { exact: true })).toHaveValue('component');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const service = filters.getByRole('link', { name: /^service \d+$/ });
  await expect(service).not.toHaveAttribute('aria-current');
  await service.click();
  await expect(page).toHaveURL(/kind=component.*type=service|type=service.*kind=component/);
  // The selected value says so to assistive technology (a link cannot be "pressed").
  await expect(service).toHaveAttribute('aria-current', 'true');
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.filter({ hasText: 'shipments-service' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'acme-design-system' })).toHaveCount(0);
  // The URL alone reproduces the view.
  await page.goto(page.url());
  await expect(page.getByRole('table').getByRole('row').filter({ hasText: 'shipments-service' })).toHaveCount(1);
});

test('a facet lists its first values and opens the rest on request', async ({ page }) => {
  await page.goto('/catalog');
  const filters = page.getByRole('complementary', { name: 'Filters' });
  const tags = filters.locator('section', { has: page.getByRole('heading', { name: 'Tags' }) });
  await expect(tags.getByRole('listitem')).toHaveCount(8);
  const more = tags.getByRole('link', { name: /^Show \d+ more$/ });
  const rest = Number((await more.textContent())!.match(/\d+/)![0]);
  await more.click();
  await expect(page).toHaveURL(/more=tag/);
  await expect(tags.getByRole('listitem')).toHaveCount(8 + rest);
  // Selecting one of the rest keeps the list open; the others stay closed.
  await tags.getByRole('listitem').last().getByRole('link').click();
  await expect(page).toHaveURL(/tag=.*more=tag/);
  await expect(tags.getByRole('link', { name: 'Show fewer' })).toBeVisible();
  await tags.getByRole('link', { name: 'Show fewer' }).click();
  await expect(page).not.toHaveURL(/more=/);
  await expect(tags.getByRole('link', { name: /^Show \d+ more$/ })).toBeVisible();
});

test('a person stars an entity and finds it again on the home page and behind Starred; Owned lists their team’s', async ({
  browser,
  baseURL,
}) => {
  // Priya (team-shipments), in her own browser: her stars are hers alone.
  const page = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  await page.goto('/catalog/component/default/acme-design-system');
  const star = page.getByRole('button', { name: 'Star', exact: true });
  await expect(star).toHaveAttribute('aria-pressed', 'false');
  await star.click();
  await expect(star).toHaveAttribute('aria-pressed', 'true');
  await expect(star).toHaveText(/Starred/);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Star', exact: true })).toHaveAttribute('aria-pressed', 'true');

  await page.goto('/catalog');
  const show = page.getByRole('group', { name: 'Show' });
  await show.getByRole('link', { name: /^Starred 1$/ }).click();
  await expect(page).toHaveURL(/show=starred/);
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2); // the header and the one starred component
  await expect(rows.filter({ hasText: 'acme-design-system' })).toHaveCount(1);
  await show.getByRole('link', { name: /^Owned \d+$/ }).click();
  await expect(rows.filter({ hasText: 'shipments-service' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'acme-design-system' })).toHaveCount(0);
  await expect(show.getByRole('link', { name: /^Owned \d+$/ })).toHaveAttribute('aria-current', 'true');
  // A row is starred from the list too, and the text filter keeps Owned.
  const rowStar = rows.filter({ hasText: 'shipments-service' }).getByRole('button', { name: 'Star shipments-service' });
  await expect(rowStar).toHaveAttribute('aria-pressed', 'false');
  await rowStar.click();
  await expect(rowStar).toHaveAttribute('aria-pressed', 'true');
  await expect(show.getByRole('link', { name: /^Starred 2$/ })).toBeVisible();
  await rowStar.click();
  await expect(rowStar).toHaveAttribute('aria-pressed', 'false');
  await expect(show.getByRole('link', { name: /^Starred 1$/ })).toBeVisible();
  await page.getByPlaceholder(/Filter by name/).fill('label');
  await page.getByPlaceholder(/Filter by name/).press('Enter');
  await expect(page).toHaveURL(/q=label.*show=owned|show=owned.*q=label/);
  await expect(rows.filter({ hasText: 'label-service' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'shipments-service' })).toHaveCount(0);

  // The home page keeps the starred ones; unstarring there takes it off.
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Starred' });
  await expect(card.getByRole('link', { name: /acme-design-system|Harbour/i })).toBeVisible();
  await card.getByRole('button', { name: /^Star / }).click();
  await expect(card).toContainText('Star the services, APIs and teams you use');
  await page.goto('/catalog?show=starred');
  await expect(page.getByText('You have starred nothing here yet')).toBeVisible();
  await page.context().close();
});

test('the home page lists what the person opened, latest or most visited first, in their browser', async ({ browser, baseURL }) => {
  const page = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Visited' });
  await expect(card).toContainText('The services, docs and templates you open are listed here');
  for (const path of [
    '/catalog/component/default/shipments-service',
    '/catalog/component/default/rates-service?tab=relations',
    '/catalog/component/default/shipments-service/docs',
    '/create/templates/default/add-techdocs',
    '/catalog/component/default/shipments-service',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
  }
  await page.goto('/');
  const rows = card.getByRole('listitem');
  await expect(rows).toHaveText([
    /^shipments-service\s*Component\s*just now$/,
    /^Add TechDocs to a repository\s*Template/,
    /Docs/,
    /^rates-service/,
  ]);
  await expect(rows.first().getByRole('link')).toHaveAttribute('href', '/catalog/component/default/shipments-service');
  await expect(rows.nth(2).getByRole('link')).toHaveAttribute('href', '/catalog/component/default/shipments-service/docs');
  await card.getByRole('button', { name: 'Most visited' }).click();
  await expect(card.getByRole('button', { name: 'Most visited' })).toHaveAttribute('aria-pressed', 'true');
  await expect(rows.first()).toHaveText(/^shipments-service\s*Component\s*2 visits$/);
  await page.context().close();
});

test('an entity page leads to its owner and its dependencies', async ({ page }) => {
  await page.goto('/catalog?q=shipments-service');
  await page
    .getByRole('table')
    .getByRole('link', { name: /shipments-service/i })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'shipments-service' })).toBeVisible();
  // The Edit ownership dialog (closed, kept mounted so that what was typed survives) holds it too.
  await expect(page.getByText('System of record for shipments').filter({ visible: true })).toBeVisible();

  await page
    .getByRole('navigation', { name: 'Entity views' })
    .getByRole('link', { name: /^Relations/ })
    .click();
  // A table per relation type (Backstage's API and Dependencies tabs): each entity with its kind, type, lifecycle and owner.
  await expect(
    page
      .getByRole('region', { name: /^Provides API/ })
      .getByRole('row')
      .filter({ hasText: 'shipments-api' }),
  ).toContainText('openapi');
  await page
    .getByRole('region', { name: /^Depends on/ })
    .getByRole('row')
    .filter({ hasText: 'Resource' })
    .first()
    .getByRole('link')
    .first()
    .click();
  await expect(page).toHaveURL(/\/catalog\/resource\/default\//);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  await page.goto('/catalog/component/default/shipments-service');
  await page.getByRole('main').getByRole('link', { name: 'Shipments', exact: true }).first().click();
  await expect(page).toHaveURL(/\/catalog\/group\/default\/team-shipments$/);
  await expect(page.getByRole('main').getByText('shipments-service').first()).toBeVisible();
});

test('a developer follows a service’s GitHub Actions runs on its CI/CD tab, down to the step that failed', async ({ browser, baseURL }) => {
  // testing/e2e/global-setup.ts gives acme/rates-service three days of runs (standins/github/seed.ts).
  const page = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  await page.goto('/catalog/component/default/rates-service');
  // The Overview shows the last three runs; All runs opens the CI/CD tab.
  const recent = page.getByRole('region', { name: 'Recent runs' }).getByRole('listitem');
  await expect(recent).toHaveCount(3);
  await expect(recent.first()).toContainText('Merge pull request #1 from acme/feature/faster-quotes');
  await expect(recent.first()).toContainText('Running');
  await page.getByRole('link', { name: 'All runs →' }).click();
  await expect(page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'CI/CD' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const runs = page.getByRole('region', { name: 'Workflow runs' }).getByRole('row');
  await expect(runs).toHaveCount(6); // the header and five runs, newest first
  await expect(runs.nth(1)).toContainText('Merge pull request #1 from acme/feature/faster-quotes');
  await expect(runs.nth(1)).toContainText('Running');
  await expect(runs.nth(3)).toContainText('Failed');
  await expect(page.getByText('5 in all')).toBeVisible();

  // A run's branch narrows the list to that branch, in the URL.
  await runs.nth(3).getByRole('link', { name: 'feature/faster-quotes' }).first().click();
  await expect(page).toHaveURL(/tab=ci&branch=feature%2Ffaster-quotes/);
  await expect(runs).toHaveCount(3);
  await expect(page.getByRole('group', { name: 'Branch' }).getByRole('link', { name: 'feature/faster-quotes' })).toHaveAttribute(
    'aria-current',
    'true',
  );

  // The failed run: its jobs, and the step that failed, with the way to its logs on GitHub.
  await runs.filter({ hasText: 'Failed' }).getByRole('link', { name: 'Cache carrier rate tables for quotes' }).click();
  await expect(page).toHaveURL(/tab=ci&run=\d+/);
  await expect(page.getByRole('region', { name: 'CI #2' })).toContainText('Failed');
  const testJob = page.getByRole('region', { name: /^test Failed/ });
  await expect(testJob.getByRole('listitem').filter({ hasText: 'Run tests' })).toContainText('Failed');
  await expect(testJob.getByRole('listitem').filter({ hasText: 'Set up JDK 21' })).toContainText('Succeeded');
  await expect(testJob.getByRole('link', { name: 'Logs on GitHub ↗' })).toHaveAttribute(
    'href',
    /\/acme\/rates-service\/actions\/runs\/\d+\/job\/\d+$/,
  );
  await page.getByRole('link', { name: '← All runs' }).click();
  await expect(runs).toHaveCount(6);

  // A group names no repository: no CI/CD tab.
  await page.goto('/catalog/group/default/team-shipments');
  await expect(page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'CI/CD' })).toHaveCount(0);
});

test('a developer sees a service’s open pull requests, and the merged and closed ones, each linking to GitHub', async ({
  browser,
  baseURL,
}) => {
  const page = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  await page.goto('/catalog/component/default/rates-service');
  await page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'Pull requests' }).click();
  const rows = page.getByRole('region', { name: 'Pull requests' }).getByRole('row');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText('Add per-carrier request timeouts');
  await expect(rows.nth(1)).toContainText('#4 · tombakker · feature/carrier-timeouts → main');
  await expect(rows.nth(2)).toContainText('Draft');
  await expect(rows.nth(2).getByRole('link', { name: 'Spike: keep quotes in Redis' })).toHaveAttribute(
    'href',
    /\/acme\/rates-service\/pull\/2$/,
  );
  await page.getByRole('group', { name: 'Pull request state' }).getByRole('link', { name: 'Closed' }).click();
  await expect(page).toHaveURL(/tab=pulls&state=closed/);
  await expect(rows.filter({ hasText: 'Cache carrier rate tables for quotes' })).toContainText('Merged');
  await expect(rows.filter({ hasText: 'Cache carrier rate tables for quotes' })).toContainText('performance');
  await expect(rows.filter({ hasText: 'Round fuel surcharges to the cent' })).toContainText('Closed');
});

test('a service’s overview shows where Argo CD deploys it, whether that matches git and how it runs, with its last deployments', async ({
  browser,
  baseURL,
}) => {
  // testing/e2e/global-setup.ts seeds the Argo CD stand-in: rates-service on dev, three deployments, the last one Degraded.
  const page = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  await page.goto('/catalog/component/default/rates-service');
  const card = page.getByRole('region', { name: 'Argo CD' });
  const row = card.getByRole('row').filter({ hasText: 'rates-service' });
  await expect(row).toContainText('Synced');
  await expect(row).toContainText('Degraded');
  await expect(row).toContainText('exceeded its progress deadline');
  await expect(row).toContainText('dev · https://kubernetes.default.svc / rates-service');
  await expect(row.getByRole('link', { name: 'rates-service ↗' })).toHaveAttribute('href', /\/applications\/rates-service$/);
  await card.getByText('Deployments of rates-service on dev').click();
  // The Links card points at the GitHub the repository is on (here the stand-in), not always github.com.
  await expect(page.getByRole('link', { name: /^GitHub repository/ })).toHaveAttribute(
    'href',
    `${process.env.WAYFINDER_E2E_GITHUB_URL}/acme/rates-service`,
  );
  await expect(card.getByRole('listitem')).toHaveCount(3);
  // An entity that names no application has no card.
  await page.goto('/catalog/component/default/shipments-service');
  await expect(page.getByRole('heading', { name: 'About' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Argo CD' })).toHaveCount(0);
});

test('a relation to an entity that does not exist is shown as missing', async ({ page }) => {
  await page.goto('/catalog/component/default/legacy-fax-gateway?tab=relations');
  await expect(page.getByRole('row').filter({ hasText: 'fax-modem-driver' })).toContainText('missing');
});

test('registering a location previews it first, then shows the broken document with its line', async ({ page }) => {
  await page.goto('/catalog-import');
  await page.getByLabel('Type').selectOption('file');
  await page.getByLabel('Target').fill('fixtures/broken/catalog-info.yaml');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await expect(page.getByRole('heading', { name: /1 entity found/ })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'e2e-good-service' })).toBeVisible();
  await expect(page.getByText(/catalog-info\.yaml:15:9/)).toBeVisible();
  // Nothing was written by the preview.
  expect((await page.request.get('/api/catalog/entities/by-name/component/default/e2e-good-service')).status()).toBe(404);

  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('link', { name: /e2e-good-service/ }).first()).toBeVisible();
  expect((await page.request.get('/api/catalog/entities/by-name/component/default/e2e-good-service')).status()).toBe(200);

  await page.goto('/problems');
  const problem = page.getByRole('main').getByText(/metadata\.name "Bad_Name!" must be letters/);
  await expect(problem).toBeVisible();
  await expect(
    page
      .getByRole('main')
      .getByText(/fixtures\/broken\/catalog-info\.yaml:15:9/)
      .first(),
  ).toBeVisible();
});

test('an admin unregisters an entity from its page: its location goes, with every entity it produced', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto('/catalog-import');
  await page.getByLabel('Type').selectOption('file');
  await page.getByLabel('Target').fill('fixtures/unregister/catalog-info.yaml');
  await page.getByRole('button', { name: 'Analyze' }).click();
  await page.getByRole('button', { name: 'Import' }).click();
  await expect(page.getByRole('link', { name: /e2e-unregister-me/ }).first()).toBeVisible();

  // A member sees no Unregister there (the location's own page says who may).
  const member = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  await member.goto('/catalog/component/default/e2e-unregister-me');
  await expect(member.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expect(member.getByRole('button', { name: 'Unregister' })).toHaveCount(0);
  await member.context().close();
  // A configured location's entity offers none either: it would come back on the next refresh.
  await page.goto('/catalog/component/default/shipments-service');
  await expect(page.getByRole('button', { name: 'Refresh' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Unregister' })).toHaveCount(0);

  await page.goto('/catalog/component/default/e2e-unregister-me');
  await page.getByRole('link', { name: /Its location/ }).click();
  await expect(page).toHaveURL(/\/locations\/[0-9a-f-]{36}$/);
  await page.goBack();
  await page.getByRole('button', { name: 'Unregister' }).click();
  // Three: the two, and the Location entity made for the registered location (as Backstage makes it).
  const dialog = page.getByRole('dialog', { name: /Remove the location .*fixtures\/unregister\/catalog-info\.yaml and its 3 entities\?/ });
  await dialog.getByRole('button', { name: 'Yes, unregister' }).click();
  await expect(page).toHaveURL(/\/locations$/);
  for (const path of ['component/default/e2e-unregister-me', 'api/default/e2e-unregister-me-api'])
    expect((await page.request.get(`/api/catalog/entities/by-name/${path}`)).status()).toBe(404);
});

test('Import is disabled, with the reason shown, when the preview found nothing to import', async ({ page }) => {
  await page.goto('/catalog-import');
  await page.getByLabel('Type').selectOption('file');
  const analyze = async (target: string) => {
    await page.getByLabel('Target').fill(target);
    await page.getByRole('button', { name: 'Analyze' }).click();
    await expect(page.getByRole('heading', { name: /found in/ })).toBeVisible();
  };
  await analyze('fixtures/only-errors/catalog-info.yaml');
  await expect(page.getByRole('button', { name: 'Import' })).toBeDisabled();
  await expect(page.getByText('Nothing to import: fix the errors below, then analyze again.')).toBeVisible();
  // Already in the catalog from the GitHub organisation: registering it again would add nothing.
  await analyze('../examples/components/shipments-service/catalog-info.yaml');
  await expect(page.getByRole('row').filter({ hasText: 'already in catalog from url:' })).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Import' })).toBeDisabled();
  await expect(page.getByText('Nothing to import: every entity here is already in the catalog from another location.')).toBeVisible();
});

test('an entity created through a form survives a restart of the server', async ({ page }) => {
  await page.goto('/catalog/new');
  await page.getByLabel('Name *').fill('restart-proof-service');
  await page.getByLabel('Description').fill('Written through a server action before a restart.');
  await page.getByLabel('Type (spec.type) *').fill('service');
  await page.getByLabel('Lifecycle *').fill('production');
  await page.getByLabel('Owner *').fill('team-shipments');
  await page.getByRole('button', { name: 'Create entity' }).click();
  await expect(page).toHaveURL(/\/catalog\/component\/default\/restart-proof-service/);

  await restartServer();
  await page.goto('/catalog/component/default/restart-proof-service');
  await expect(page.getByRole('heading', { level: 1, name: 'restart-proof-service' })).toBeVisible();
  await expect(page.getByText('Written through a server action before a restart.').first()).toBeVisible();
});
