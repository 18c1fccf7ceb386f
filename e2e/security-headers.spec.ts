import type { Page } from '@playwright/test';
import { expect, test } from '../testing/e2e/fixtures';

// Issue 9.7: every answer carries the security headers, and pages run with the CSP enforced —
// Next's own scripts (with the nonce) work and cause no violation, anything else is blocked.

const PAGES = [
  '/',
  '/catalog',
  '/catalog/component/default/booking-service',
  '/catalog-import',
  '/locations',
  '/problems',
  '/search?q=order',
  '/create',
  '/docs',
  '/settings/tokens',
  '/settings/github',
  '/admin/audit',
  '/admin/leads',
];

/** Records CSP violation reports the page raises (the listener is added before any page script). */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

function scriptSources(csp: string): string {
  return (
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src ')) ?? ''
  );
}

test('pages carry a nonce CSP, frame-ancestors none, nosniff and a referrer policy, and run without violations', async ({ page }) => {
  const violations = await watchViolations(page);
  const nonces = new Set<string>();
  for (const path of PAGES) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    const headers = res!.headers();
    const csp = headers['content-security-policy'] ?? '';
    const scripts = scriptSources(csp);
    expect(scripts, path).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
    expect(scripts, path).not.toContain('unsafe-inline');
    expect(scripts, path).not.toContain('unsafe-eval');
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['referrer-policy'], path).toBe('strict-origin-when-cross-origin');
    // Served over plain http here: HSTS only makes sense (and is only sent) over https.
    expect(headers['strict-transport-security'], path).toBeUndefined();
    nonces.add(scripts.match(/'nonce-([^']+)'/)![1]);
    // Next's scripts carry the nonce and ran: the page hydrated and its shell works.
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    expect(await violations(), path).toEqual([]);
  }
  expect(nonces.size, 'a fresh nonce per request').toBe(PAGES.length);
});

test('a page whose path ends like a static file (an entity named app.js) still gets its nonce CSP', async ({ page }) => {
  const res = await page.goto('/catalog/component/default/app.js');
  expect(res?.status()).toBe(404);
  expect(scriptSources(res!.headers()['content-security-policy'] ?? '')).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
});

test('client-side navigation works under the policy (hydrated React, lazy chunks)', async ({ page }) => {
  const violations = await watchViolations(page);
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalog', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('markup injected into a page cannot run script (inline, event handler, javascript: URL)', async ({ page }) => {
  const violations = await watchViolations(page);
  // Stands in for stored XSS: the server's answer, headers and all, with attacker markup spliced in.
  await page.route('**/catalog', async (route) => {
    const res = await route.fetch();
    const payload =
      '<script>window.__injectedScript = true</script>' +
      '<img src="x:" onerror="window.__injectedHandler = true">' +
      '<a id="js-link" href="javascript:window.__injectedUrl = true">x</a>';
    // A request the page gave up on (a busy CI machine) has its response disposed: nothing to splice
    // into. The page's own document is the one the assertions below need.
    const body = await res.text().catch((err: Error) => (/disposed/.test(err.message) ? null : Promise.reject(err)));
    if (body === null) return;
    await route.fulfill({ response: res, body: body.replace('<body', `<body data-x="1"`).replace('</body>', `${payload}</body>`) });
  });
  await page.goto('/catalog');
  await page.locator('#js-link').click();
  await expect.poll(violations).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src/)]));
  expect(await page.evaluate(() => Object.keys(window).filter((k) => k.startsWith('__injected')))).toEqual([]);
  // The genuine page still works next to the blocked payload.
  await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
});

test('another site cannot frame the portal (clickjacking)', async ({ page, baseURL }) => {
  // The sign-in page: public, so it would render in the frame if the headers let it.
  await page.setContent(`<iframe id="victim" src="${baseURL}/sign-in" width="800" height="600"></iframe>`);
  await page.waitForTimeout(1500);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const text = frame ? await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '') : '';
  expect(text).not.toMatch(/sign in/i);
});

test('API answers and static files are never sniffed or framed', async ({ page, request }) => {
  const api = await request.get('/api/health');
  expect(api.headers()['x-content-type-options']).toBe('nosniff');
  expect(api.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
  const unauthenticated = await request.get('/api/catalog/entities', { headers: { cookie: '' } });
  expect(unauthenticated.headers()['x-content-type-options']).toBe('nosniff');

  await page.goto('/');
  const script = await page.evaluate(() => document.querySelector<HTMLScriptElement>('script[src*="/_next/static/"]')?.src);
  expect(script).toBeTruthy();
  const asset = await request.get(script!);
  expect(asset.status()).toBe(200);
  expect(asset.headers()['x-content-type-options']).toBe('nosniff');
  expect(asset.headers()['x-frame-options']).toBe('DENY');
});

test('over https (behind a TLS-terminating proxy) pages add Strict-Transport-Security', async ({ request }) => {
  const res = await request.get('/sign-in', { headers: { 'x-forwarded-proto': 'https' } });
  expect(res.headers()['strict-transport-security']).toMatch(/^max-age=\d+/);
});

const headersOf = (res: { headers(): Record<string, string> }) => {
  const h = res.headers();
  return Object.fromEntries(
    [
      'content-security-policy',
      'x-content-type-options',
      'x-frame-options',
      'referrer-policy',
      'cross-origin-opener-policy',
      'permissions-policy',
      'vary',
      'content-type',
    ].map((n) => [n, h[n]]),
  );
};

test('by-name and search, which the server answers without Next, carry the headers of every API answer', async ({ request }) => {
  const viaNext = await request.get('/api/catalog/entities/by-name/component/default/booking-service/ancestry');
  const found = await request.get('/api/catalog/entities/by-name/component/default/booking-service');
  expect(viaNext.status()).toBe(200);
  expect(found.status()).toBe(200);
  expect((await found.json()).metadata).toMatchObject({ name: 'booking-service', uid: expect.any(String) });
  const expected = {
    ...headersOf(viaNext),
    vary: expect.stringMatching(/^rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch/),
  };
  expect(headersOf(found)).toEqual(expected);

  const missing = await request.get('/api/catalog/entities/by-name/component/default/nope');
  expect(missing.status()).toBe(404);
  expect(headersOf(missing)).toEqual(expected);
  const anonymous = await request.get('/api/catalog/entities/by-name/component/default/booking-service', { headers: { cookie: '' } });
  expect(anonymous.status()).toBe(401);
  expect((await anonymous.json()).error.name).toBe('AuthenticationError');
  expect(anonymous.headers()['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");

  const search = await request.get('/api/search/query?term=booking%20service');
  expect(search.status()).toBe(200);
  expect((await search.json()).results[0].document).toMatchObject({ name: 'booking-service' });
  expect(headersOf(search)).toEqual(expected);
  const refused = await request.get('/api/search/query?term=booking%20service&types%5B0%5D=adr');
  expect(refused.status()).toBe(400);
  expect(headersOf(refused)).toEqual(expected);
});
