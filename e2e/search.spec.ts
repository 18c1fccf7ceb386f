import { expect, test } from '../testing/e2e/fixtures';

// Search as a developer uses it: type a name in the top bar, get that entity first, narrow by kind
// or lifecycle, page through one type's results, and keep the filters for the next search.

test('the entity a query names comes first, and filters narrow it with counts', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('search', { name: 'Site search' }).getByRole('searchbox').fill('shipments service');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/search\?q=shipments\+service$/);
  const catalog = page.getByRole('region', { name: /^Software Catalog/ });
  // Every word must be found; the entity those words name is the first result.
  await expect(catalog.getByRole('listitem').first().getByRole('link').first()).toHaveText(/Shipments service|shipments-service/i);

  const filters = page.getByRole('complementary', { name: 'Filters' });
  const kinds = filters.getByRole('navigation', { name: 'Kind' });
  await expect(kinds.getByRole('link', { name: /^Any kind/ })).toHaveAttribute('aria-current', 'true');
  const lifecycles = filters.getByRole('navigation', { name: 'Lifecycle' });
  await lifecycles.getByRole('link', { name: /^deprecated \d+$/ }).click();
  await expect(page).toHaveURL(/lifecycle=deprecated/);
  await expect(lifecycles.getByRole('link', { name: /^deprecated \d+$/ })).toHaveAttribute('aria-current', 'true');
  await expect(catalog.getByRole('listitem')).toHaveCount(1);
  await expect(catalog.getByRole('listitem')).toContainText('deprecated');

  // The kinds among a plain word's matches, each with its count; one narrows the results to it.
  await page.goto('/search?q=shipments');
  await kinds.getByRole('link', { name: /^API \d+$/ }).click();
  await expect(page).toHaveURL(/kind=API/);
  await expect(kinds.getByRole('link', { name: /^API \d+$/ })).toHaveAttribute('aria-current', 'true');
  for (const hit of await catalog.getByRole('listitem').all()) await expect(hit).toContainText('API');

  // A new search keeps the filter; "search without them" clears it when nothing is left.
  await page.getByRole('search', { name: 'Entity search' }).getByRole('searchbox').fill('zzz-nothing-here');
  await page.getByRole('search', { name: 'Entity search' }).getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/q=zzz-nothing-here&kind=API/);
  await page.getByRole('link', { name: 'search without them' }).click();
  await expect(page).toHaveURL(/\/search\?q=zzz-nothing-here$/);
  await expect(page.getByText('Nothing matches “zzz-nothing-here”')).toBeVisible();
});

test('one type of result is paged, best first', async ({ page }) => {
  await page.goto('/search?q=service');
  const catalog = page.getByRole('region', { name: /^Software Catalog/ });
  await catalog.getByRole('link', { name: /^All \d+ catalog results →$/ }).click();
  await expect(page).toHaveURL(/type=software-catalog/);
  const results = page.getByRole('region', { name: 'Results' });
  await expect(results.getByText(/^1–20 of \d+ catalog results for “service”, best first$/)).toBeVisible();
  const firstPage = await results.getByRole('listitem').allTextContents();
  await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: 'Next →' }).click();
  await expect(results.getByText(/^21–\d+ of \d+ catalog results/)).toBeVisible();
  const secondPage = await results.getByRole('listitem').allTextContents();
  expect(secondPage.filter((t) => firstPage.includes(t))).toEqual([]);
  await page.getByRole('navigation', { name: 'Result pages' }).getByRole('link', { name: '← Previous' }).click();
  await expect(results.getByText(/^1–20 of/)).toBeVisible();

  // Documentation alone, from the result type filter (a site's first view builds it, if the
  // background pass has not yet).
  await page.goto('/catalog/component/default/shipments-service/docs');
  await expect(page.getByRole('article')).toBeVisible();
  await page.goBack();
  await page
    .getByRole('complementary', { name: 'Filters' })
    .getByRole('link', { name: /^Documentation \d+$/ })
    .click();
  await expect(results.getByText(/docs pages for “service”, best first$/)).toBeVisible();
});
