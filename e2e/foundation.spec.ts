import { expect, test } from '../testing/e2e/fixtures';

// The shell every page shares, and the operational endpoints a deployment depends on.

test('the home page renders with the main navigation', async ({ page }) => {
  const res = await page.goto('/');
  expect(res?.status()).toBe(200);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Catalog', 'Create', 'Docs', 'Search']) {
    await expect(nav.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
});

test('the navigation leads to the catalog', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page).toHaveURL(/\/catalog$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
});

test('/api/health reports a healthy instance', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body.ok).toBe(true);
  expect(body.checks.database.ok).toBe(true);
  expect(body.checks.migrations).toEqual({ ok: true, detail: 'up to date' });
  expect(body.checks.jobQueue.ok).toBe(true);
});

test('an unknown address shows the not-found page with status 404', async ({ page }) => {
  const res = await page.goto('/no/such/page-anywhere');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByText('404')).toBeVisible();
  // Still inside the portal shell, so the user can navigate on.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});

test('/api/metrics serves Prometheus text with request counts', async ({ page }) => {
  await page.goto('/');
  const res = await page.request.get('/api/metrics');
  expect(res.status()).toBe(200);
  expect(res.headers()['content-type']).toContain('text/plain');
  const text = await res.text();
  expect(text).toContain('# TYPE wayfinder_http_requests_total counter');
  expect(text).toMatch(/^wayfinder_http_requests_total\{[^}]*\} \d+/m);
});
