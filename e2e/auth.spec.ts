import { expect, test } from '../testing/e2e/fixtures';

// Sign-in and API tokens, as a person sees them. GitHub is the local stand-in (global setup).

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('a page redirects to sign-in, and /api/health stays public', async ({ page, request }) => {
    await page.goto('/catalog?kind=component');
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fcatalog%3Fkind%3Dcomponent$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expect(page.getByText('Local sign-in is on.')).toBeVisible();
    expect((await request.get('/api/health')).status()).toBe(200);
    const api = await request.get('/api/catalog/entities');
    expect(api.status()).toBe(401);
    expect((await api.json()).error.name).toBe('AuthenticationError');
  });

  test('signs in through GitHub (the stand-in OAuth flow) and back to the page asked for', async ({ page }) => {
    await page.goto('/catalog');
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    // The stand-in's authorize page: pick the GitHub user, as GitHub's consent screen would.
    await expect(page.getByRole('heading', { name: 'Sign in to the GitHub stand-in' })).toBeVisible();
    await page.getByRole('link', { name: /^tombakker/ }).click();
    await expect(page).toHaveURL(/\/catalog$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Catalog' })).toBeVisible();
    await expect(page.getByTestId('user-name')).toHaveText('Tom Bakker');
    // Signing out ends the session.
    await page.getByLabel('User menu').click();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in/);
    await page.goto('/catalog');
    await expect(page).toHaveURL(/\/sign-in/);
  });

  test('a GitHub user who is on no User entity is told why and what an admin can do', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await page.getByRole('link', { name: /^outsider-octocat/ }).click();
    await expect(page).toHaveURL(/\/sign-in\/unknown-user/);
    await expect(page.getByText('Your GitHub login outsider-octocat is not on any User entity in the catalog')).toBeVisible();
    await expect(page.getByText('auth.allowUnknownUsers: true')).toBeVisible();
    await page.goto('/catalog');
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test('the user menu shows who is signed in', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('user-name')).toHaveText('Sanne de Vries');
  await page.getByLabel('User menu').click();
  await expect(page.getByRole('link', { name: 'API tokens' })).toBeVisible();
});

test('a personal token created in the UI works against the API until it is revoked', async ({ page, playwright, baseURL }) => {
  await page.goto('/settings/tokens');
  await page.getByLabel('Name').fill('e2e-script');
  await page.getByLabel('Scope').selectOption('read');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByTestId('new-token').textContent())!.trim();
  expect(token).toMatch(/^wfp_/);

  // A client with nothing but the token (no browser cookies).
  const client = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  const ok = await client.get('/api/catalog/entities?filter=kind=component&limit=1');
  expect(ok.status()).toBe(200);
  expect(Array.isArray(await ok.json())).toBe(true);
  expect((await client.post('/api/catalog/refresh', { data: { entityRef: 'component:default/x' } })).status()).toBe(403);

  await page.reload();
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Revoke e2e-script' }).click();
  await expect(page.getByRole('row', { name: /e2e-script/ }).getByText('revoked')).toBeVisible();
  const after = await client.get('/api/catalog/entities?limit=1');
  expect(after.status()).toBe(401);
  await client.dispose();
});

test('a new token’s secret leaves the screen once that token is revoked, and the form is ready for the next one', async ({ page }) => {
  await page.goto('/settings/tokens');
  const name = page.getByLabel('Name');
  const secret = page.getByTestId('new-token');
  const create = async (tokenName: string) => {
    await name.fill(tokenName);
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect(page.getByRole('row', { name: new RegExp(tokenName) })).toBeVisible();
    await expect(secret).toHaveText(/^wfp_/);
    // The Name field is empty for the next token.
    await expect(name).toHaveValue('');
  };
  const revoke = async (tokenName: string) => {
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: `Revoke ${tokenName}` }).click();
    await expect(page.getByRole('row', { name: new RegExp(tokenName) }).getByText('revoked')).toBeVisible();
  };

  await create('e2e-older');
  await create('e2e-shown');
  const shown = await secret.textContent();
  // Revoking another token leaves the secret not yet copied where it is.
  await revoke('e2e-older');
  await expect(secret).toHaveText(shown!);
  // Revoking the token whose secret is shown takes the secret off the screen, without a reload.
  await revoke('e2e-shown');
  await expect(secret).toHaveCount(0);
  await expect(page.getByText('Copy your new token now')).toHaveCount(0);
});
