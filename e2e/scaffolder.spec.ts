import { Octokit } from '@octokit/rest';
import { SEED_TOKEN } from '../standins/github/seed';
import type { Page } from '@playwright/test';
import { chooseRef } from '../testing/e2e/choose';
import { expect, test } from '../testing/e2e/fixtures';

// The golden path as a developer runs it: choose the Spring Boot template, fill its form through
// the pickers, watch the live log, open the created repository in the GitHub stand-in and the new
// entity in the catalog. And the template editor's dry run.

test('runs the Spring Boot gRPC template from the form to the catalog', async ({ page }) => {
  test.setTimeout(120_000);
  const name = `e2e-grpc-${Date.now().toString(36)}`;
  await page.goto('/create?q=gRPC');
  await page.getByRole('link', { name: 'Choose Spring Boot gRPC 마이크로서비스' }).click();
  await expect(page.getByRole('heading', { name: 'Spring Boot gRPC 마이크로서비스' })).toBeVisible();

  // Page 1: the name's pattern is checked in the browser, with the template's own message.
  await page.getByLabel('Service name').fill('Bad Name');
  await page.getByLabel('Description').fill('결제 게이트웨이 (e2e)');
  await page.getByLabel('Owner').fill('group:default/team-devex');
  await page.getByLabel('System').fill('system:default/shipment-management');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText('Use 3-41 lower-case letters, digits and dashes')).toBeVisible();
  await page.getByLabel('Service name').fill(name);
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 2: stack.
  await page.getByLabel('Kafka').check();
  await page.getByRole('button', { name: 'Next' }).click();

  // Page 3: deployment; the RepoUrlPicker offers only the allowed owner.
  await page.getByLabel('Kubernetes namespace').fill('payments');
  await page.getByLabel('Repository', { exact: true }).fill(name);
  await expect(page.getByLabel('Owner', { exact: true })).toHaveValue('acme');
  await page.getByRole('button', { name: 'Next' }).click();

  await expect(page.getByText('결제 게이트웨이 (e2e)')).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\/[0-9a-f-]{36}$/);

  const log = page.getByRole('log', { name: 'Task log' });
  await expect(log).toContainText('Beginning step 스켈레톤 생성');
  await expect(log).toContainText('Task completed', { timeout: 60_000 });
  await expect(page.getByText('completed').first()).toBeVisible();

  // The repository exists in the stand-in, internal, with the skeleton rendered.
  const repoLink = page.getByRole('link', { name: 'Repository' });
  await expect(repoLink).toHaveAttribute('href', new RegExp(`/acme/${name}$`));
  const octokit = new Octokit({ baseUrl: process.env.WAYFINDER_E2E_GITHUB_URL, auth: SEED_TOKEN });
  const repo = await octokit.rest.repos.get({ owner: 'acme', repo: name });
  expect(repo.data.visibility).toBe('internal');
  const readme = await octokit.rest.repos.getContent({ owner: 'acme', repo: name, path: 'README.md' });
  expect(Buffer.from((readme.data as { content: string }).content, 'base64').toString('utf8')).toContain('결제 게이트웨이 (e2e)');

  // The new entity is in the catalog.
  await page.getByRole('link', { name: 'Open in catalog' }).click();
  await expect(page).toHaveURL(new RegExp(`/catalog/component/default/${name}$`));
  await expect(page.getByRole('heading', { name })).toBeVisible();
  // Its page shows the deployment the template made (Argo CD synced it at once) and its repository's CI.
  const deployed = page.getByRole('region', { name: 'Argo CD' }).getByRole('row').filter({ hasText: name });
  await expect(deployed).toContainText('Synced');
  await expect(deployed).toContainText('Healthy');
  await expect(deployed).toContainText('dev · https://kubernetes.default.svc / payments');
  await page.getByRole('navigation', { name: 'Entity views' }).getByRole('link', { name: 'CI/CD' }).click();
  await expect(page.getByText(`GitHub Actions runs of acme/${name}`)).toBeVisible();
  await expect(page.getByText('No runs yet')).toBeVisible();
});

/** Pastes a service Template named `name` into the editor, `spec` the lines after its `type`. */
async function pasteTemplate(page: Page, name: string, spec: string[]) {
  const head = [
    'apiVersion: scaffolder.backstage.io/v1beta3',
    'kind: Template',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  type: service',
  ];
  await page.getByLabel('Template YAML').fill([...head, ...spec].join('\n'));
}

test('dry-runs a pasted template in the editor and shows YAML errors with line and column', async ({ page }) => {
  await page.goto('/create/edit');
  const yaml = page.getByLabel('Template YAML');
  await yaml.fill('apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  name: [oops\n');
  await expect(page.getByRole('alert').filter({ hasText: 'template.yaml' })).toContainText(/template\.yaml:\d+:\d+:/);
  await yaml.fill(
    [
      'apiVersion: scaffolder.backstage.io/v1beta3',
      'kind: Template',
      'metadata:',
      '  name: editor-demo',
      'spec:',
      '  type: service',
      '  parameters:',
      '    - title: Basics',
      '      properties:',
      '        who: { title: Who, type: string }',
      '  steps:',
      '    - id: hello',
      '      action: debug:log',
      "      input: { message: 'hello ${{ parameters.who }}' }",
      '  output:',
      "    text: [{ title: Greeting, content: 'hi ${{ parameters.who }}' }]",
    ].join('\n'),
  );
  await page.getByLabel('Who').fill('세계');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByText('[hello] hello 세계')).toBeVisible();
  await expect(page.getByText('"content": "hi 세계"')).toBeVisible();
});

test("offers the signed-in person's groups and what they own (MyGroupsPicker, OwnedEntityPicker, MultiEntityPicker)", async ({ page }) => {
  // Sanne de Vries is a member of team-shipments and shipping-fulfilment; team-shipments owns
  // shipments-service, team-routing owns route-optimizer.
  await page.goto('/create/edit');
  await pasteTemplate(page, 'my-pickers', [
    '  parameters:',
    '    - title: Basics',
    '      properties:',
    '        team:',
    '          title: Team',
    '          type: string',
    '          ui:field: MyGroupsPicker',
    '        service:',
    '          title: Service',
    '          type: string',
    '          ui:field: OwnedEntityPicker',
    '          ui:options:',
    '            catalogFilter: { kind: Component }',
    '        systems:',
    '          title: Systems',
    '          type: array',
    '          items: { type: string }',
    '          ui:field: MultiEntityPicker',
    '          ui:options:',
    '            catalogFilter: { kind: System }',
    '  steps:',
    '    - id: hello',
    '      action: debug:log',
    '      input: { message: \'${{ parameters.team }} ${{ parameters.service }} ${{ parameters.systems | join("+") }}\' }',
  ]);
  const team = page.getByRole('combobox', { name: 'Team' });
  await team.click();
  const teams = page.getByRole('listbox', { name: 'Choices' }).getByRole('option');
  await expect(teams).toHaveText([/group:default\/shipping-fulfilment$/, /group:default\/team-shipments$/]);
  // Only a choice is taken (MyGroupsPicker does not allow arbitrary values): what is typed and left goes.
  await team.fill('group:default/team-routing');
  await team.blur();
  await expect(team).toHaveValue('');
  await chooseRef(team, 'group:default/team-shipments', 'shipments');

  const service = page.getByRole('combobox', { name: 'Service' });
  await service.click();
  const owned = page.getByRole('listbox', { name: 'Choices' }).getByRole('option');
  await expect(owned.first()).toBeVisible();
  const refs = await owned.locator('span + span').allTextContents();
  expect(refs).toContain('component:default/shipments-service');
  expect(refs).not.toContain('component:default/route-optimizer');
  expect(refs.every((v) => v.startsWith('component:'))).toBe(true);
  await chooseRef(service, 'component:default/shipments-service', 'shipments');

  // Several systems: each found as one types, listed, and one removed again.
  const systems = page.getByRole('combobox', { name: 'Systems' });
  const chosen = page.getByRole('list', { name: 'Chosen Systems' });
  for (const name of ['shipment-management', 'route-planning', 'carrier-network']) {
    await systems.fill(name.split('-')[0]);
    await page
      .getByRole('option')
      .filter({ hasText: `system:default/${name}` })
      .click();
    await expect(chosen).toContainText(`system:default/${name}`);
    await expect(systems).toHaveValue('');
  }
  await chosen.getByRole('button', { name: 'Remove system:default/route-planning' }).click();
  await expect(chosen.getByRole('listitem')).toHaveText([/shipment-management/, /carrier-network/]);

  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(
    page.getByText(
      '[hello] group:default/team-shipments component:default/shipments-service system:default/shipment-management+system:default/carrier-network',
    ),
  ).toBeVisible();
});

// RepoBranchPicker: the branches of the repository chosen on the same page, from GitHub, and a
// pull request into the one picked.
test('adds docs to a repository through a pull request into a branch chosen from its own, and starts over with the same answers', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const octokit = new Octokit({ baseUrl: process.env.WAYFINDER_E2E_GITHUB_URL, auth: SEED_TOKEN });
  const repo = { owner: 'acme', repo: 'tracking-service' };
  const release = `release/e2e-${Date.now().toString(36)}`;
  const main = (await octokit.rest.git.getRef({ ...repo, ref: 'heads/main' })).data.object.sha;
  await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${release}`, sha: main });

  await page.goto('/create/templates/default/add-techdocs');
  const branch = page.getByLabel('Base branch');
  await expect(branch).toHaveValue('main');
  await expect(page.getByText('The branch the pull request goes into')).toBeVisible();
  // A repository GitHub does not have (yet: its name half typed) is said, not alerted as a failure.
  await page.getByLabel('Repository', { exact: true }).fill('tracking-ser');
  await expect(
    page.getByText('acme/tracking-ser is not on github-stand-in (yet), so it has no branches to offer: type the branch.'),
  ).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: 'could not be read' })).toHaveCount(0);
  await page.getByLabel('Repository', { exact: true }).fill('tracking-service');
  await expect(page.getByText('is not on github-stand-in')).toHaveCount(0);
  // The browser offers the repository's branches as the field's suggestions.
  await expect(branch).toHaveAttribute('list', 'root_branch-list');
  await expect(page.locator(`#root_branch-list option[value="${release}"]`)).toHaveCount(1);
  await expect(page.locator('#root_branch-list option[value="main"]')).toHaveCount(1);
  await branch.fill(release);
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Site name').fill('Tracking service');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(release, { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('log', { name: 'Task log' })).toContainText('Task completed', { timeout: 60_000 });

  const pulls = await octokit.rest.pulls.list({ ...repo, state: 'open', head: 'acme:add-techdocs' });
  expect(pulls.data.map((p) => [p.title, p.base.ref])).toEqual([['Add TechDocs', release]]);
  await expect(page.getByRole('link', { name: 'Pull request' })).toHaveAttribute('href', pulls.data[0]!.html_url);

  // Start over: the form again, with this run's answers.
  await page.getByRole('link', { name: 'Start over' }).click();
  await expect(page).toHaveURL(/\/create\/templates\/default\/add-techdocs\?formData=/);
  await expect(page.getByLabel('Repository', { exact: true })).toHaveValue('tracking-service');
  await expect(page.getByLabel('Base branch')).toHaveValue(release);
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByLabel('Site name')).toHaveValue('Tracking service');
  // Run again while the pull request is open: a new commit on it (update: true), not a second one.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await page.waitForURL(/\/create\/tasks\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('log', { name: 'Task log' })).toContainText('Task completed', { timeout: 60_000 });
  const again = await octokit.rest.pulls.list({ ...repo, state: 'open', head: 'acme:add-techdocs' });
  expect(again.data.map((p) => p.number)).toEqual([pulls.data[0]!.number]);
  const compared = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${release}...add-techdocs` });
  expect(compared.data.commits).toHaveLength(2);
  // An address whose answers cannot be read starts empty and says why.
  await page.goto('/create/templates/default/add-techdocs?formData=%7Bnot-json');
  await expect(page.getByRole('alert').filter({ hasText: 'formData' })).toHaveText(
    'The answers in the address (formData) are not JSON, so the form starts empty.',
  );
  await expect(page.getByLabel('Repository', { exact: true })).toHaveValue('');
});

test('offers the organisations of the GitHub integration to a RepoOwnerPicker and a RepoUrlPicker, and takes any owner typed', async ({
  page,
}) => {
  await page.goto('/create/edit');
  await pasteTemplate(page, 'owner-picker-demo', [
    '  parameters:',
    '    - title: Where',
    '      required: [owner]',
    '      properties:',
    '        owner: { title: GitHub owner, type: string, ui:field: RepoOwnerPicker }',
    '        repoUrl: { title: Repository location, type: string, ui:field: RepoUrlPicker }',
    '  steps:',
    '    - id: hello',
    '      action: debug:log',
    "      input: { message: 'owner ${{ parameters.owner }}' }",
  ]);
  const owner = page.getByLabel('GitHub owner');
  await expect(page.getByText('An organisation on github-stand-in')).toBeVisible();
  await expect(page.locator(`#${await owner.getAttribute('list')} option[value="acme"]`)).toHaveCount(1);
  // A RepoUrlPicker's typed owner is offered the same.
  await expect(page.locator('#root_repoUrl-owner-list option[value="acme"]')).toHaveCount(1);
  await owner.fill('someone-else');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('button', { name: 'Dry run' }).click();
  await expect(page.getByText('[hello] owner someone-else')).toBeVisible();
});

// The template run form as a person types into it: key by key, with messages that name the field.
test.describe('template run form', () => {
  test('says which fields are required, by name, and logs nothing', async ({ page }) => {
    const logged: string[] = [];
    page.on('console', (m) => m.type() === 'error' && logged.push(m.text()));
    await page.goto('/create/templates/default/documentation-site');
    // rjsf's labels (Site title) and the pickers' (Name, Owner) mark a required field alike.
    for (const label of ['Name*', 'Site title*', 'Owner*']) await expect(page.getByText(label, { exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Next' }).click();
    for (const message of ['Name is required', 'Site title is required', 'Owner is required'])
      await expect(page.getByText(message, { exact: true })).toBeVisible();
    await expect(page.getByText('is a required property')).toHaveCount(0);
    expect(logged.filter((t) => t.includes('Form validation failed'))).toEqual([]);
  });

  test('refuses an entity name that Backstage refuses, before the next page', async ({ page }) => {
    await page.goto('/create/templates/default/nodejs-service');
    await page.getByLabel('Name').pressSequentially('Bad Name!');
    await page.getByLabel('Description').fill('e2e');
    await page.getByLabel('Owner').fill('group:default/team-devex');
    await page.getByLabel('System').fill('system:default/shipment-management');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByText(/^Name must start and end with a letter or digit/)).toBeVisible();
    await expect(page.getByRole('listitem').filter({ hasText: 'About the service' })).toHaveAttribute('aria-current', 'step');

    await page.getByLabel('Name').fill('returns-service');
    await page.getByRole('button', { name: 'Next' }).click();
    await expect(page.getByRole('listitem').filter({ hasText: 'Repository' })).toHaveAttribute('aria-current', 'step');
  });

  test('keeps what is typed into the RepoUrlPicker and says what is missing', async ({ page }) => {
    await page.goto('/create/templates/default/documentation-site');
    await page.getByLabel('Name').fill('team-handbook');
    await page.getByLabel('Site title').fill('Team handbook');
    await page.getByLabel('Owner').fill('group:default/team-devex');
    await page.getByRole('button', { name: 'Next' }).click();

    // The last page's button is the template's reviewButtonText.
    const owner = page.getByLabel('Owner', { exact: true });
    await owner.pressSequentially('acme');
    await expect(owner).toHaveValue('acme');
    await page.getByRole('button', { name: 'Review the site' }).click();
    await expect(page.getByText('Repository location is incomplete: enter the repository')).toBeVisible();

    const repo = page.getByLabel('Repository', { exact: true });
    await repo.pressSequentially('team-handbook');
    await expect(repo).toHaveValue('team-handbook');
    await expect(owner).toHaveValue('acme');
    await page.getByRole('button', { name: 'Review the site' }).click();
    await expect(page.getByText('github-stand-in?owner=acme&repo=team-handbook')).toBeVisible();
  });
});

test('lists the installed actions with the inputs each reads, and finds one', async ({ page }) => {
  await page.goto('/create?q=Node.js');
  // A template card's step links to what its action reads.
  await page.getByRole('link', { name: 'publish:github: what it reads' }).click();
  await expect(page).toHaveURL(/\/create\/actions#publish:github$/);
  await page.goto('/create');
  await page.getByRole('link', { name: 'Installed actions' }).click();
  await expect(page.getByRole('heading', { name: 'Installed actions' })).toBeVisible();
  const publish = page.getByRole('region', { name: 'publish:github', exact: true });
  await expect(publish.getByText('repoUrl', { exact: true })).toBeVisible();
  await expect(publish.getByText('"private" | "internal" | "public"')).toBeVisible();
  await expect(publish.getByText('remoteUrl', { exact: true })).toBeVisible();

  const filter = page.getByRole('form', { name: 'Filter actions' });
  await filter.getByLabel('Search').fill('PAGES');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/create\/actions\?q=PAGES$/);
  await expect(page.getByRole('region', { name: 'github:pages:enable' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'publish:github', exact: true })).toHaveCount(0);
  await filter.getByLabel('Search').fill('no such action');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('No action matches')).toBeVisible();
});

test('lists the templating extensions with examples to try, and renders an expression as a run would', async ({ page }) => {
  await page.goto('/create/edit');
  await page.getByRole('link', { name: 'Templating extensions' }).click();
  await expect(page.getByRole('heading', { name: 'Templating extensions' })).toBeVisible();
  const pick = page.getByRole('region', { name: 'pick', exact: true });
  await expect(pick.getByText('value | pick(path, default?)')).toBeVisible();

  // An example goes into the try box and renders to the output the page shows for it.
  const slug = page.getByRole('region', { name: 'projectSlug', exact: true });
  await expect(slug.getByText('"acme/payments-api"')).toBeVisible();
  await slug.getByRole('link', { name: /^Try it: / }).click();
  const box = page.getByRole('region', { name: 'Try an expression' });
  await expect(box.getByLabel('Expression')).toHaveValue('${{ parameters.repoUrl | projectSlug }}');
  await box.getByRole('button', { name: 'Render' }).click();
  await expect(box.locator('pre')).toHaveText('"acme/payments-api"');

  // The person is `user`; a filter that does not exist is the error a run would fail with.
  await box.getByLabel('Expression').fill('${{ user.entity.metadata.name | upper }}');
  await box.getByRole('button', { name: 'Render' }).click();
  await expect(box.locator('pre')).toHaveText('"SANNE-DEVRIES"');
  // Slices, as Backstage 4.3's nunjitsu has them.
  await box.getByLabel('Expression').fill("${{ user.entity.metadata.name[:5] | join('') }}");
  await box.getByRole('button', { name: 'Render' }).click();
  await expect(box.locator('pre')).toHaveText('"sanne"');
  await box.getByLabel('Expression').fill('${{ parameters.repoUrl | isString }}');
  await box.getByRole('button', { name: 'Render' }).click();
  await expect(box.getByRole('alert')).toHaveText('The expression failed: filter not found: isString');
  await box.getByLabel('Parameters (JSON)').fill('{ repoUrl: 1 }');
  await box.getByRole('button', { name: 'Render' }).click();
  await expect(box.getByRole('alert')).toContainText('The parameters are not JSON');

  const filter = page.getByRole('form', { name: 'Filter extensions' });
  await filter.getByLabel('Search').fill('entity reference');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('region', { name: 'parseEntityRef' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'projectSlug' })).toHaveCount(0);
});

test('pages the task history, filters it by status, and says where the tasks are when a page has none', async ({ page }) => {
  // The first test of this file ran a template: the admin has a task on the first page.
  await page.goto('/create/tasks?page=999');
  await expect(page.getByText('No tasks on this page')).toBeVisible();
  await page.getByRole('link', { name: 'the first page' }).click();
  await expect(page).toHaveURL(/\/create\/tasks$/);
  await expect(page.getByText('No tasks on this page')).toHaveCount(0);
  await expect(page.getByRole('cell').first()).toBeVisible();

  // By status: only completed runs are listed, and Clear brings back every status.
  const filter = page.getByRole('form', { name: 'Filter tasks' });
  await filter.getByLabel('Status').selectOption('completed');
  await filter.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/\/create\/tasks\?status=completed$/);
  const statuses = await page.getByRole('row').locator('td:nth-child(2)').allTextContents();
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['completed']));
  await filter.getByRole('link', { name: 'Clear' }).click();
  await expect(page).toHaveURL(/\/create\/tasks$/);

  // Others' runs (every run, for an admin) say which group owns each run's template.
  await page.getByRole('link', { name: 'All', exact: true }).click();
  await expect(page.getByRole('columnheader', { name: 'Template owner' })).toBeVisible();
  await expect(page.getByRole('row').locator('td:nth-child(2)').first()).toHaveText(/^team-[a-z-]+$/);
});

test("labels the form's buttons as the template's presentation.buttonLabels say", async ({ page }) => {
  await page.goto('/create/templates/default/documentation-site');
  await page.getByRole('textbox', { name: /^Name/ }).fill('routing-playbook');
  await page.getByLabel('Site title').fill('Routing playbook');
  await page.getByLabel('Owner').fill('group:default/team-devex');
  // Not the last page: Next, as Backstage's.
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('Owner', { exact: true }).fill('acme');
  await page.getByLabel('Repository', { exact: true }).fill('routing-playbook');
  await page.getByRole('button', { name: 'Review the site' }).click();
  await expect(page.getByText('Routing playbook')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create the site' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Back' })).toBeVisible();
});
