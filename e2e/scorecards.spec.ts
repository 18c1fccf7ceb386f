import { Octokit } from '@octokit/rest';
import { SEED_TOKEN } from '../standins/github/seed';
import { expect, test } from '../testing/e2e/fixtures';
import { chooseRef } from '../testing/e2e/choose';
import { signedInAs } from '../testing/e2e/sign-in';

// A lead follows a scorecard's remediation: a push left tracking-service in a System that does not
// exist, so it reaches no level of the catalog registration checklist. The lead sees why on the
// Scorecards tab (and on the home page, through an initiative), fixes it with Edit ownership (a pull
// request in the GitHub stand-in), and once it is merged sees the level rise.

const LEAD = 'user:default/tom-bakker';
const ENTITY = '/catalog/component/default/tracking-service';
const REPO = { owner: 'acme', repo: 'tracking-service' };

test('a lead fixes a failing rule through its remediation and sees the level rise', async ({ page, browser, baseURL }) => {
  const octokit = new Octokit({ baseUrl: process.env.WAYFINDER_E2E_GITHUB_URL, auth: SEED_TOKEN });
  // A developer pushes a descriptor whose System does not exist.
  const { data: file } = await octokit.rest.repos.getContent({ ...REPO, path: 'catalog-info.yaml' });
  const text = Buffer.from((file as { content: string }).content, 'base64').toString('utf8');
  await octokit.rest.repos.createOrUpdateFileContents({
    ...REPO,
    path: 'catalog-info.yaml',
    message: 'Move to the shipments platform',
    sha: (file as { sha: string }).sha,
    content: Buffer.from(text.replace('system: shipment-management', 'system: shipments-platform')).toString('base64'),
  });

  // An admin appoints the lead, unless an earlier spec on this server did (the picker offers only
  // people who are not leads yet), and sets an initiative over the team.
  await page.goto('/admin/leads');
  const leadRow = page.getByRole('row', { name: /team-shipments.*tom-bakker/ });
  if ((await leadRow.count()) === 0) {
    await chooseRef(page.getByRole('combobox', { name: 'Group', exact: true }), 'group:default/team-shipments');
    await chooseRef(page.getByRole('combobox', { name: 'User', exact: true }), LEAD);
    await page.getByRole('button', { name: 'Appoint lead' }).click();
    await expect(page.getByRole('status')).toContainText('now leads group:default/team-shipments');
  }
  await expect(leadRow).toHaveCount(1);
  await page.goto('/initiatives/new');
  await page.getByLabel('Title').fill('Shipments services reach Bronze');
  await page.getByLabel('Scorecard').selectOption('catalog-registration');
  await page.getByRole('combobox', { name: 'Level' }).selectOption('Bronze');
  await page.getByLabel('Type (optional)').fill('service');
  await chooseRef(page.getByRole('combobox', { name: 'Team' }), 'group:default/team-shipments');
  await page.getByLabel('Deadline').fill('2027-03-31');
  await page.getByRole('button', { name: 'Create initiative' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Shipments services reach Bronze' })).toBeVisible();

  const lead = await signedInAs(browser, baseURL!, LEAD);
  // The push reached the catalog and the score: the rule fails with the value it saw.
  const rule = lead.getByTestId('rule-part-of-system');
  await expect(async () => {
    await lead.goto(`${ENTITY}?tab=scorecards`);
    await expect(rule.first()).toContainText('system system:default/shipments-platform is not a System in the catalog', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  const card = lead.getByRole('region', { name: 'Catalog registration checklist' });
  await expect(card.getByTestId('level-catalog-registration')).toContainText('No level reached yet');
  // The next level's missing rule is listed first, with how to fix it.
  await expect(card.getByTestId(/^rule-/).first()).toHaveAttribute('data-testid', 'rule-part-of-system');
  await expect(card.getByTestId('rule-part-of-system')).toContainText(
    'How to fix: Set spec.system to the System the service belongs to — entity page → Edit ownership',
  );

  // The home page lists it under the initiative, linking to the tab.
  await lead.goto('/');
  const nextSteps = lead.getByRole('region', { name: 'Your teams’ next steps' });
  await expect(nextSteps.getByRole('link', { name: 'tracking-service' })).toHaveAttribute('href', `${ENTITY}?tab=scorecards`);

  // The remediation: Edit ownership → pull request → merged in GitHub.
  await lead.goto(ENTITY);
  await lead.getByRole('button', { name: 'Edit ownership' }).click();
  const dialog = lead.getByRole('dialog', { name: 'Edit ownership' });
  await chooseRef(dialog.getByLabel('System'), 'system:default/shipment-management', 'shipment', 'shipment-management');
  await dialog.getByRole('button', { name: 'Open pull request' }).click();
  const prLink = lead.getByRole('main').getByRole('link', { name: /^PR #\d+$/ });
  await expect(prLink).toBeVisible();
  const prNumber = Number((await prLink.textContent())!.replace('PR #', ''));
  await octokit.rest.pulls.merge({ ...REPO, pull_number: prNumber });

  await expect(async () => {
    await lead.goto(`${ENTITY}?tab=scorecards`);
    await expect(lead.getByTestId('level-catalog-registration')).toContainText(/Reached (Bronze|Silver|Gold)/, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(lead.getByTestId('rule-part-of-system').first()).toContainText('Passes');

  // The initiative counts it as done.
  await lead.goto('/initiatives');
  await lead.getByRole('link', { name: 'Shipments services reach Bronze' }).click();
  await expect(lead.getByText(/of \d+ entities have reached Bronze/)).toBeVisible();
  await lead.context().close();
});

test('a member cannot open the scorecard editor or save a scorecard', async ({ browser, baseURL }) => {
  const member = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  const res = await member.goto('/scorecards/new');
  expect(res?.status()).toBe(403);
  await member.goto('/scorecards');
  await expect(member.getByRole('heading', { level: 1, name: 'Scorecards' })).toBeVisible();
  await expect(member.getByRole('link', { name: 'New scorecard' })).toHaveCount(0);
  await member.context().close();
});

test('the team view without a team asks for one, starting from the person’s own team', async ({ browser, baseURL }) => {
  const member = await signedInAs(browser, baseURL!, 'user:default/priya-raman');
  // Reached by typing the address or from a bookmark: a page to pick a team on, not a 404.
  const res = await member.goto('/scorecards/team');
  expect(res?.status()).toBe(200);
  await expect(member.getByRole('heading', { level: 1, name: 'Team scorecards' })).toBeVisible();
  await expect(member.getByLabel('Team view')).toHaveValue('group:default/team-shipments');
  await member.getByRole('button', { name: 'Show team' }).click();
  await expect(member).toHaveURL(/\/scorecards\/team\?group=group%3Adefault%2Fteam-shipments$/);
  await expect(member.getByRole('heading', { level: 1, name: 'Shipments: scorecards' })).toBeVisible();
  // A team's name typed as spec.owner is written is the team.
  await member.goto('/scorecards/team?group=team-shipments');
  await expect(member.getByRole('heading', { level: 1, name: 'Shipments: scorecards' })).toBeVisible();

  // The person's own teams are one click away.
  await member.goto('/scorecards/team');
  await member.getByRole('navigation', { name: 'Your teams' }).getByRole('link', { name: 'Shipments' }).click();
  await expect(member.getByRole('heading', { level: 1, name: 'Shipments: scorecards' })).toBeVisible();

  // The Scorecards page's team picker starts from the same team.
  await member.goto('/scorecards');
  await expect(member.getByLabel('Team view')).toHaveValue('group:default/team-shipments');
  await member.context().close();
});
