import fs from 'node:fs';
import { Octokit } from '@octokit/rest';
import { SEED_TOKEN } from '../standins/github/seed';
import { expect, test } from '../testing/e2e/fixtures';
import { chooseRef } from '../testing/e2e/choose';
import { signedInAs } from '../testing/e2e/sign-in';

// Adoption insights: an admin reads the metrics, filters by team and exports them; registers a
// repository that has no catalog entity through a pull request; a member answers "Was this
// useful?" (and cannot open /insights); the admin reads the answer.

const MEMBER = 'user:default/priya-raman';

test('an admin filters insights by team, exports CSV, and registers an unregistered repository', async ({ page }) => {
  const octokit = new Octokit({ baseUrl: process.env.WAYFINDER_E2E_GITHUB_URL, auth: SEED_TOKEN });
  const name = `insights-e2e-${Date.now().toString(36)}`;
  // A new repository without a descriptor: the repository created webhook adds it to the inventory.
  await octokit.rest.repos.createInOrg({ org: 'acme', name, auto_init: true });
  await octokit.rest.repos.createOrUpdateFileContents({
    owner: 'acme',
    repo: name,
    path: '.github/CODEOWNERS',
    message: 'Owners',
    content: Buffer.from('* @acme/team-shipments\n').toString('base64'),
  });

  await expect(async () => {
    await page.goto('/insights');
    await page.getByText(/Repositories without a catalog entity/).click();
    await expect(page.getByRole('link', { name: `Register acme/${name}` })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(page.getByRole('heading', { level: 1, name: 'Adoption insights' })).toBeVisible();
  for (const title of [
    'Catalog coverage',
    'Template usage',
    'Weekly and daily active people',
    'Onboarding time',
    'Mean time to restore, per team',
    'Docs freshness',
  ]) {
    await expect(page.getByRole('region', { name: title })).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Mean time to restore, per team' })).toContainText('Needs an incident integration');
  // Each chart has its table for screen readers.
  await expect(page.locator('table caption', { hasText: 'Catalog coverage: weekly values' })).toHaveCount(1);

  // Filter by team.
  await chooseRef(page.getByRole('combobox', { name: 'Team' }), 'group:default/team-shipments');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/team=group%3Adefault%2Fteam-shipments/);
  await expect(page.getByRole('combobox', { name: 'Team' })).toHaveValue('group:default/team-shipments');

  // Export CSV (for the team).
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toBe('insights-group-default-team-shipments.csv');
  const csv = fs.readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toBe('metric,period,value,target,unit,status,measuredAt');
  expect(csv).toMatch(/^mttr,current,,60,minutes,needs-integration,/m);
  const unknown = await page.request.get('/api/insights/export?format=csv&team=group:default/no-such-team');
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).error.message).toBe('group:default/no-such-team is not a Group in the catalog');
  // A team that is not one is said so, and the whole organisation shown.
  await page.goto('/insights?team=no-such-team');
  await expect(page.getByRole('alert').filter({ hasText: 'group:default/no-such-team is not a Group in the catalog' })).toBeVisible();

  // Register: the owner comes from CODEOWNERS, shown for confirmation, then the pull request.
  await page.goto('/insights');
  await page.getByText(/Repositories without a catalog entity/).click();
  await page.getByRole('link', { name: `Register acme/${name}` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Register acme/${name}` })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Owner' })).toHaveValue('group:default/team-shipments');
  await expect(page.getByRole('button', { name: 'Shipments', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByLabel('catalog-info.yaml preview')).toContainText('owner: team-shipments');
  await page.getByRole('button', { name: 'Open pull request' }).click();
  await expect(page.getByRole('status')).toContainText(`opened in acme/${name}`);
  const { data: pulls } = await octokit.rest.pulls.list({ owner: 'acme', repo: name });
  expect(pulls.map((p) => p.title)).toEqual([`Register ${name} in the software catalog`]);
  const { data: file } = await octokit.rest.repos.getContent({
    owner: 'acme',
    repo: name,
    path: 'catalog-info.yaml',
    ref: pulls[0]!.head.ref,
  });
  expect(Buffer.from((file as { content: string }).content, 'base64').toString('utf8')).toContain(`github.com/project-slug: acme/${name}`);
});

test('a member gives feedback on a page but cannot open insights; an admin reads the answer', async ({ page, browser, baseURL }) => {
  const member = await signedInAs(browser, baseURL!, MEMBER);
  await expect(member.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' })).toHaveCount(0);
  await member.goto('/docs');
  const feedback = member.getByRole('form', { name: 'Page feedback' });
  await feedback.getByRole('button', { name: 'No' }).click();
  await feedback.getByLabel('Comment (optional)').fill('I could not find the on-call runbook');
  await feedback.getByRole('button', { name: 'Send' }).click();
  await expect(member.getByRole('status').filter({ hasText: 'Thank you' })).toBeVisible();

  const res = await member.goto('/insights');
  expect(res?.status()).toBe(403);

  await page.goto('/insights/feedback');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Insights' })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'I could not find the on-call runbook' })).toContainText('/docs');
});
