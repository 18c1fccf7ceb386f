import fs from 'node:fs';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { SEED_TOKEN } from '../standins/github/seed';
import { expect, test } from '../testing/e2e/fixtures';
import { chooseRef } from '../testing/e2e/choose';
import { signedInAs } from '../testing/e2e/sign-in';

// A team lead transfers ownership in the form: the descriptor lives in GitHub (the stand-in), so
// Wayfinder opens a pull request; merging it there brings the new owner in through the webhook.
// A member sees the edit control disabled with the reason, and a forged call of the action is refused.

const LEAD = { ref: 'user:default/tom-bakker', name: 'Tom Bakker' };
const MEMBER = { ref: 'user:default/priya-raman' };
const ENTITY = '/catalog/component/default/label-service';

/** The id Next gave a server action in this build (what a browser sends as Next-Action). */
function actionId(name: string): string {
  const dir = path.resolve('.next/static/chunks');
  for (const file of fs.readdirSync(dir)) {
    const m = new RegExp(`createServerReference\\)\\("([0-9a-f]+)",[^)]*"${name}"\\)`).exec(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (m) return m[1];
  }
  throw new Error(`no server action ${name} in this build`);
}

test('a lead changes the owner in the form, and the merged pull request updates the catalog', async ({ page, browser, baseURL }) => {
  const octokit = new Octokit({ baseUrl: process.env.WAYFINDER_E2E_GITHUB_URL, auth: SEED_TOKEN });

  // An admin appoints the lead (team maintainers from org sync are leads too).
  await page.goto('/admin/leads');
  await chooseRef(page.getByRole('combobox', { name: 'Group', exact: true }), 'group:default/team-shipments');
  await chooseRef(page.getByRole('combobox', { name: 'User', exact: true }), LEAD.ref);
  await page.getByRole('button', { name: 'Appoint lead' }).click();
  await expect(page.getByRole('status')).toContainText('now leads group:default/team-shipments');

  const lead = await signedInAs(browser, baseURL!, LEAD.ref);
  // A lead's task history has a second view: every run of the templates their groups own.
  await lead.goto('/create/tasks');
  await lead.getByRole('link', { name: 'With my groups’ templates' }).click();
  await expect(lead).toHaveURL(/\/create\/tasks\?scope=visible$/);
  await expect(lead.getByText('Your runs, and every run of the templates your groups own.')).toBeVisible();
  await lead.goto(ENTITY);
  await expect(lead.getByRole('heading', { level: 1, name: 'label-service' })).toBeVisible();
  await lead.getByRole('button', { name: 'Edit ownership' }).click();
  const dialog = lead.getByRole('dialog', { name: 'Edit ownership' });
  // A refused save keeps what was typed, next to the error that names it.
  const tags = dialog.getByLabel('Tags');
  const description = dialog.getByLabel('Description');
  const [tagsBefore, descriptionBefore] = [await tags.inputValue(), await description.inputValue()];
  await chooseRef(dialog.getByLabel('Owner'), 'group:default/team-booking', 'booking', 'team-booking');
  await tags.fill('java, Not A Tag!');
  await description.fill('Prints shipping labels.');
  await dialog.getByRole('button', { name: 'Open pull request' }).click();
  await expect(dialog.getByText(/"Not A Tag!"/).first()).toBeVisible();
  await expect(tags).toHaveValue('java, Not A Tag!');
  await expect(description).toHaveValue('Prints shipping labels.');
  await expect(dialog.getByLabel('Owner')).toHaveValue('team-booking');
  await tags.fill(tagsBefore);
  await description.fill(descriptionBefore);
  await dialog.getByRole('button', { name: 'Open pull request' }).click();
  // The page now says a change is pending, with a link to the pull request.
  const prLink = lead.getByRole('main').getByRole('link', { name: /^PR #\d+$/ });
  await expect(prLink).toBeVisible();
  const prNumber = Number((await prLink.textContent())!.replace('PR #', ''));

  const { data: pr } = await octokit.rest.pulls.get({ owner: 'acme', repo: 'label-service', pull_number: prNumber });
  expect(pr.title).toBe('Change owner of label-service to team-booking');
  const { data: files } = await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'label-service', pull_number: prNumber });
  expect(files.map((f) => f.filename)).toEqual(['catalog-info.yaml']);
  // Only the owner line changed: comments, order and formatting are kept.
  const read = async (ref: string) => {
    const { data } = await octokit.rest.repos.getContent({ owner: 'acme', repo: 'label-service', path: 'catalog-info.yaml', ref });
    return Buffer.from((data as { content: string }).content, 'base64')
      .toString('utf8')
      .split('\n');
  };
  const [before, after] = [await read('main'), await read(pr.head.ref)];
  expect(after.length).toBe(before.length);
  const changed = before.map((line, i) => [line, after[i]]).filter(([a, b]) => a !== b);
  expect(changed).toEqual([['  owner: team-shipments', '  owner: team-booking']]);

  await lead.reload();
  await expect(lead.getByText(`Change pending in PR #${prNumber}`)).toBeVisible();
  await expect(lead.getByRole('button', { name: 'Edit ownership' })).toBeDisabled();
  await expect(lead.getByRole('button', { name: 'Edit ownership' })).toHaveAccessibleDescription(
    `A change is already waiting in pull request #${prNumber}; merge or close it first.`,
  );

  await octokit.rest.pulls.merge({ owner: 'acme', repo: 'label-service', pull_number: prNumber });
  await expect(async () => {
    await lead.reload();
    await expect(
      lead
        .getByRole('main')
        .getByRole('link', { name: /^Booking/ })
        .first(),
    ).toBeVisible({ timeout: 1_000 });
    await expect(lead.getByText(/Change pending in PR/)).toHaveCount(0);
  }).toPass({ timeout: 20_000 });

  await lead.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'History' }).click();
  await expect(lead.getByText('merged the change')).toBeVisible();
  await expect(lead.getByText('asked for a change')).toBeVisible();
  await lead.context().close();
});

test('a member sees the edit control disabled with the reason, and a forged call of the action is refused', async ({
  browser,
  baseURL,
}) => {
  const member = await signedInAs(browser, baseURL!, MEMBER.ref);
  // Only a lead has the view of their groups' templates' runs; asked for by its address, a member gets their own.
  await member.goto('/create/tasks?scope=visible');
  await expect(member.getByRole('link', { name: 'With my groups’ templates' })).toHaveCount(0);
  await expect(member.getByText('Templates you ran, and what they created.')).toBeVisible();
  await member.goto('/catalog/component/default/shipments-service');
  await expect(member.getByRole('heading', { level: 1, name: 'shipments-service' })).toBeVisible();
  // The control is there, disabled, and says whom to ask.
  await expect(member.getByRole('button', { name: 'Edit ownership' })).toBeDisabled();
  await expect(member.getByRole('button', { name: 'Edit ownership' })).toHaveAccessibleDescription(
    /leads of group:default\/team-shipments/,
  );

  // What a browser sends for a server action, with the member's own session cookie.
  const res = await member.request.post('/catalog/component/default/shipments-service', {
    headers: { 'Next-Action': actionId('editEntityAction'), 'Content-Type': 'text/plain;charset=UTF-8', Accept: 'text/x-component' },
    data: JSON.stringify([{ entityRef: 'component:default/shipments-service', owner: 'team-booking' }]),
  });
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('FORBIDDEN');
  const entity = await (await member.request.get('/api/catalog/entities/by-name/component/default/shipments-service')).json();
  expect(entity.spec.owner).toBe('team-shipments');
  await member.context().close();
});
