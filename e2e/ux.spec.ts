import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../testing/e2e/fixtures';
import { currentServer } from '../testing/e2e/server';
import { chooseRef } from '../testing/e2e/choose';
import { signedInAs } from '../testing/e2e/sign-in';

// What a new user meets, as a member and as an admin: controls that match what each may do (a
// disabled one says why), no dead ends, people and systems with the fields that matter for them,
// and a catalog list that starts on Components and fits a phone.

const MEMBER = 'user:default/priya-raman';
const PHONE = { width: 390, height: 844 };

test.describe('as a member', () => {
  test('controls the member may not use are disabled and say why; nothing leads to a form that fails on save', async ({
    browser,
    baseURL,
  }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER);
    await page.goto('/catalog');
    const create = page.getByRole('button', { name: 'New entity' });
    await expect(create).toBeDisabled();
    await expect(create).toHaveAccessibleDescription(/Only admins and group leads can create entities/);
    // Typing the address gives the reason and the way that works, not a form that fails on save.
    await page.goto('/catalog/new');
    await expect(page.getByRole('heading', { name: 'You cannot create entities in the portal' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Register a catalog-info.yaml' })).toBeVisible();
    await page.goto('/');
    await expect(page.getByRole('link', { name: 'New entity' })).toHaveCount(0);

    // A GitHub-backed entity: no portal "Edit"; the ownership control is disabled with whom to ask.
    await page.goto('/catalog/component/default/shipments-service');
    await expect(page.getByRole('link', { name: 'Edit', exact: true })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Edit ownership' })).toHaveAccessibleDescription(
      'Only admins and leads of group:default/team-shipments (or of a group above it) may change component:default/shipments-service.',
    );
    await expect(page.getByRole('link', { name: 'View source' })).toHaveAttribute(
      'href',
      /\/acme\/shipments-service\/blob\/.*catalog-info\.yaml$/,
    );
    // A disabled button stays beside the others (the row's 8 px gap); its reason goes under the row.
    const gapBetween = async (left: Locator, right: Locator) =>
      (await right.boundingBox())!.x - ((await left.boundingBox())!.x + (await left.boundingBox())!.width);
    expect(await gapBetween(page.getByRole('link', { name: 'View source' }), page.getByRole('button', { name: 'Edit ownership' }))).toBe(8);

    // Unregistering a location is for admins.
    await page.goto('/locations');
    await page.getByRole('table').getByRole('link').first().click();
    await expect(page.getByRole('button', { name: 'Unregister' })).toBeDisabled();
    await expect(page.getByText('Only admins can unregister locations.')).toBeVisible();
    expect(await gapBetween(page.getByRole('button', { name: 'Refresh' }), page.getByRole('button', { name: 'Unregister' }))).toBe(8);
    await expect(page.getByRole('button', { name: 'Unregister' })).toHaveAccessibleDescription('Only admins can unregister locations.');

    // The user menu: settings for everyone, no admin section.
    await page.getByLabel('User menu').click();
    await expect(page.getByRole('link', { name: 'GitHub integration' })).toBeVisible();
    await expect(page.getByRole('group', { name: 'Admin' })).toHaveCount(0);
    await page.context().close();
  });

  test('a disabled control says why in text on the screen, which a touch screen shows too (a tooltip it never shows)', async ({
    browser,
    baseURL,
  }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER, PHONE);
    const reasons = [
      ['/catalog', 'New entity', 'Only admins and group leads can create entities in the portal'],
      [
        '/catalog/component/default/shipments-service',
        'Edit ownership',
        'Only admins and leads of group:default/team-shipments (or of a group above it) may change component:default/shipments-service.',
      ],
    ] as const;
    for (const [href, label, reason] of reasons) {
      await page.goto(href);
      const control = page.getByRole('button', { name: label });
      await expect(control).toBeDisabled();
      await expect(page.getByRole('main').getByText(reason)).toBeVisible();
      await expect(control).toHaveAccessibleDescription(new RegExp(`^${reason.replace(/[.()]/g, '\\$&')}`));
      await expect(control).not.toHaveAttribute('title');
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);
    }
    await page.context().close();
  });

  test('the catalog opens on Components, remembers the kind chosen, and fits a phone', async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER, PHONE);
    await page.goto('/catalog');
    const kind = page.getByLabel('Kind', { exact: true });
    await expect(kind).toHaveValue('component');
    const table = page.getByRole('table');
    await expect(table.getByRole('row').filter({ hasText: 'shipments-service' })).toHaveCount(1);
    await expect(table.getByRole('row').filter({ hasText: 'Priya Raman' })).toHaveCount(0);
    // At 390 px the name and owner are there, and nothing runs off the side of the page.
    await expect(table.getByRole('columnheader', { name: 'Owner' })).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Tags' })).toBeHidden();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);

    await kind.selectOption('api');
    await expect(page).toHaveURL(/[?&]kind=api\b/);
    await expect(table.getByRole('row').filter({ hasText: 'shipments-api' })).toHaveCount(1);
    // Remembered for this person: /catalog opens on APIs next time.
    await page.goto('/catalog');
    await expect(kind).toHaveValue('api');
    await kind.selectOption('all');
    await expect(page).toHaveURL(/[?&]kind=all\b/);
    // Every kind, people included (a text filter keeps to the first page's worth).
    await page.getByLabel('Filter the catalog').fill('priya');
    await page.getByLabel('Filter the catalog').press('Enter');
    await expect(table.getByRole('row').filter({ hasText: 'Priya Raman' })).toHaveCount(1);
    // An owner's long name wraps in its cell rather than pushing the table past the screen's edge.
    await page.goto('/catalog?kind=system');
    await expect(table.getByRole('row').filter({ hasText: 'Carrier Integrations' })).toHaveCount(1);
    const [scroll, client] = await table.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(scroll).toBe(client);
    await kind.selectOption('all');
    await expect(page).toHaveURL(/[?&]kind=all\b/);
    await page.context().close();
  });

  test('a person is shown by name with email and groups; a group lists members by name', async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER);
    await page.goto('/catalog/user/default/tom-bakker');
    await expect(page.getByRole('heading', { level: 1, name: 'Tom Bakker' })).toBeVisible();
    const about = page.getByRole('region', { name: 'About' });
    await expect(about.getByRole('link', { name: 'tom.bakker@acme-logistics.com' })).toHaveAttribute(
      'href',
      'mailto:tom.bakker@acme-logistics.com',
    );
    await expect(about.getByRole('link', { name: 'Shipments' })).toBeVisible();
    await expect(about.getByText('Lifecycle')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Edit ownership' })).toHaveCount(0);

    await page.goto('/catalog/group/default/team-shipments');
    await expect(page.getByRole('region', { name: /^Members/ }).getByRole('link', { name: 'Tom Bakker' })).toBeVisible();
    // The hierarchy once, in its own card with links (not also as a count in About).
    await expect(page.getByText('Child groups', { exact: true })).toHaveCount(1);
    await expect(page.getByText('Parent', { exact: true })).toHaveCount(1);
    await expect(page.getByRole('region', { name: 'Hierarchy' }).getByText('Child groups', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: /^Leads/ }).getByRole('button', { name: 'Appoint lead' })).toHaveCount(0);

    // A system: owner and domain, not the rows of a component.
    await page.goto('/catalog/system/default/shipment-management');
    const system = page.getByRole('region', { name: 'About' });
    await expect(system.getByText('Domain', { exact: true })).toBeVisible();
    await expect(system.getByText('System', { exact: true })).toHaveCount(0);
    await expect(system.getByText('Lifecycle', { exact: true })).toHaveCount(0);
    await page.context().close();
  });

  test('Settings says who the person is to the portal, and the theme chosen there applies to every page', async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER);
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByLabel(/user menu/).click();
    await page.getByRole('link', { name: 'Settings', exact: true }).click();
    await expect(page).toHaveURL(/\/settings$/);
    const profile = page.getByRole('region', { name: 'Profile' });
    await expect(
      profile.getByRole('link', { name: 'User: Priya Raman' }).or(profile.getByRole('link', { name: 'Priya Raman' })),
    ).toHaveAttribute('href', '/catalog/user/default/priya-raman');
    await expect(profile.getByRole('link', { name: 'Shipments' })).toHaveAttribute('href', '/catalog/group/default/team-shipments');
    await expect(profile).toContainText('Member: reads everything in the catalog');
    await expect(profile).not.toContainText('Admin:');

    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const light = await background();
    const appearance = page.getByRole('region', { name: 'Appearance' });
    await expect(appearance.getByRole('radio', { name: /Same as this device/ })).toBeChecked();
    await appearance.getByRole('radio', { name: /^Dark/ }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const dark = await background();
    expect(dark).not.toBe(light);
    // Every page from then on, as it is sent (no flash of the other theme).
    await page.goto('/catalog');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await background()).toBe(dark);
    // Light wins over a dark system; the device's setting is followed again once chosen.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/settings');
    await appearance.getByRole('radio', { name: /^Light/ }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await background()).toBe(light);
    await appearance.getByRole('radio', { name: /Same as this device/ }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'auto');
    expect(await background()).toBe(dark);
    await page.context().close();
  });

  test('an entity 404 names the ref it looked for and suggests close matches', async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER);
    const res = await page.goto('/catalog/component/default/shipment-service');
    expect(res!.status()).toBe(404);
    await expect(page.getByText('There is no entity component:default/shipment-service')).toBeVisible();
    await page.getByRole('region', { name: 'Close matches' }).getByRole('link', { name: 'shipments-service' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'shipments-service' })).toBeVisible();
    await page.context().close();
  });
});

test.describe('as an admin', () => {
  test('a YAML mistake gets a plain-language hint beside the exact message', async ({ page }) => {
    await page.goto('/catalog/new');
    await page.getByRole('tab', { name: 'Edit as YAML' }).click();
    await page
      .getByLabel('Descriptor (one YAML document, as in catalog-info.yaml)')
      .fill(
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: colon-service\n  description: Note: this breaks\nspec:\n  type: service\n  lifecycle: production\n  owner: team-shipments\n',
      );
    await page.getByRole('button', { name: 'Create entity' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'invalid YAML' });
    await expect(alert).toContainText('Nested mappings are not allowed in compact mappings');
    await expect(alert.getByTestId('yaml-hint')).toContainText('Put the value in quotes, e.g. description: "Note: …"');
  });

  test('the user menu holds the admin pages, and Edit on a GitHub-backed entity leads to a pull request', async ({ page }) => {
    await page.goto('/');
    await page.getByLabel('User menu').click();
    const admin = page.getByRole('group', { name: 'Admin' });
    await expect(admin.getByRole('link', { name: 'Group leads' })).toHaveAttribute('href', '/admin/leads');
    await expect(admin.getByRole('link', { name: 'Audit log' })).toHaveAttribute('href', '/admin/audit');
    await expect(page.getByRole('link', { name: 'GitHub integration' })).toHaveAttribute('href', '/settings/github');

    await page.goto('/catalog/component/default/tracking-service/edit');
    await page.getByRole('link', { name: 'Edit ownership (opens a pull request)' }).click();
    const dialog = page.getByRole('dialog', { name: 'Edit ownership' });
    await expect(dialog.getByTestId('save-note')).toContainText('Saving opens a pull request that changes');
    await expect(dialog.getByTestId('save-note')).toContainText('/acme/tracking-service/blob/');
    await expect(dialog.getByRole('button', { name: 'Open pull request' })).toBeEnabled();
  });

  test('the leads page offers, for the group chosen, everyone but its leads, and starts over after an appointment', async ({ page }) => {
    await page.goto('/admin/leads');
    const form = page.getByRole('region', { name: 'Appoint a lead' });
    const user = form.getByRole('combobox', { name: 'User', exact: true });
    // People are asked for once the group is known.
    await expect(user).toBeDisabled();
    await chooseRef(form.getByRole('combobox', { name: 'Group', exact: true }), 'group:default/team-ml', 'forecasting');
    await user.focus();
    const choices = page.getByRole('listbox');
    await expect(choices.getByRole('group').first()).toHaveAccessibleName('Members of team-ml');
    // Found by the display name, as a person knows them.
    await chooseRef(user, 'user:default/eva-degroot', 'de groot');
    await form.getByRole('button', { name: 'Appoint lead' }).click();
    await expect(form.getByRole('status')).toContainText('user:default/eva-degroot now leads group:default/team-ml');
    // The message comes with the list that shows the new lead, not before it.
    expect(await page.getByRole('row', { name: /team-ml.*eva-degroot/ }).count()).toBe(1);
    await expect(user).toHaveValue('');
    await user.fill('degroot');
    await expect(choices.getByText('No matches')).toBeVisible();
    // Another group: she may lead that one too.
    await chooseRef(form.getByRole('combobox', { name: 'Group', exact: true }), 'group:default/team-analytics');
    await user.fill('degroot');
    await expect(choices.getByRole('option').filter({ hasText: 'user:default/eva-degroot' })).toHaveCount(1);
    // Arrow keys and Enter choose too.
    await user.press('ArrowDown');
    await user.press('Enter');
    await expect(user).toHaveValue('user:default/eva-degroot');
    await expect(choices).toHaveCount(0);
    await page
      .getByRole('row', { name: /team-ml.*eva-degroot/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect(page.getByRole('row', { name: /team-ml.*eva-degroot/ })).toHaveCount(0);
  });

  test('an admin appoints a lead from the Group page, and the lead may then edit what the group owns', async ({
    page,
    browser,
    baseURL,
  }) => {
    await page.goto('/catalog/group/default/team-routing');
    const leads = page.getByRole('region', { name: /^Leads/ });
    // Org sync (another spec) may already have made the GitHub team's maintainers leads: appoint a member who is not one.
    await expect(leads.getByRole('listitem').filter({ hasText: 'Lucía Moreno' })).toHaveCount(0);
    const user = leads.getByRole('combobox', { name: 'User' });
    // The group's members are offered first, under their own heading; everyone else after them.
    await user.focus();
    const choices = page.getByRole('listbox');
    await expect(choices.getByRole('group', { name: 'Members of team-routing' }).getByRole('option', { name: /lucia-moreno/ })).toHaveCount(
      1,
    );
    await user.fill('priya');
    await expect(choices.getByRole('group', { name: 'Everyone else' }).getByRole('option', { name: /priya-raman/ })).toHaveCount(1);
    await chooseRef(user, 'user:default/lucia-moreno', 'lucía');
    await leads.getByRole('button', { name: 'Appoint lead' }).click();
    await expect(leads.getByRole('status')).toContainText('user:default/lucia-moreno now leads group:default/team-routing');
    await expect(leads.getByRole('listitem').filter({ hasText: 'Lucía Moreno' })).toContainText('appointed in the portal');
    // A lead is not offered again, and the picker starts over for the next appointment.
    await expect(user).toHaveValue('');
    await user.fill('lucia-moreno');
    await expect(choices.getByText('No matches')).toBeVisible();

    const lead = await signedInAs(browser, baseURL!, 'user:default/lucia-moreno');
    const owned = await (await lead.request.get('/api/catalog/entities?filter=kind=component,spec.owner=team-routing&limit=1')).json();
    await lead.goto(`/catalog/component/default/${owned[0].metadata.name}`);
    await expect(lead.getByRole('button', { name: 'Edit ownership' })).toBeEnabled();
    await lead.context().close();

    await leads.getByRole('listitem').filter({ hasText: 'Lucía Moreno' }).getByRole('button', { name: 'Remove' }).click();
    await expect(leads.getByRole('listitem').filter({ hasText: 'Lucía Moreno' })).toHaveCount(0);
  });

  test('the ownership dialog shows the saved values after saving, and says the file is rewritten', async ({ page }) => {
    // A file location under the e2e folder (catalog.fileLocationRoots), outside git (test-results/).
    const dir = path.resolve(import.meta.dirname, 'test-results', 'ux-file');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'catalog-info.yaml');
    fs.writeFileSync(
      file,
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ux-file-service\nspec:\n  type: service\n  lifecycle: experimental\n  owner: team-routing\n',
    );
    try {
      const res = await page.request.post('/api/catalog/locations', { data: { type: 'file', target: file } });
      expect(res.status()).toBe(201);
      await page.goto('/catalog/component/default/ux-file-service');
      await page.getByRole('button', { name: 'Edit ownership' }).click();
      const dialog = page.getByRole('dialog', { name: 'Edit ownership' });
      await expect(dialog.getByTestId('save-note')).toContainText(
        /Saving rewrites the file \S*e2e\/test-results\/ux-file\/catalog-info\.yaml on the server/,
      );
      await chooseRef(dialog.getByLabel('Owner'), 'group:default/team-carriers', 'carriers', 'team-carriers');
      await dialog.getByLabel('Lifecycle').fill('production');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await expect(dialog.getByRole('status')).toContainText('Updated');
      // The page behind and the dialog agree.
      await expect(page.getByRole('main').getByRole('link', { name: 'Carrier Integrations' }).first()).toBeVisible();
      await expect(dialog.getByLabel('Owner')).toHaveValue('team-carriers');
      await expect(dialog.getByLabel('Lifecycle')).toHaveValue('production');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await page.getByRole('button', { name: 'Edit ownership' }).click();
      await expect(dialog.getByLabel('Owner')).toHaveValue('team-carriers');
      expect(fs.readFileSync(file, 'utf8')).toContain('owner: team-carriers');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the home page names its counts: entities by kind, and the sources read', async ({ page }) => {
    await page.goto('/');
    const tiles = page.getByRole('region', { name: 'Catalog' });
    await expect(tiles.getByRole('link', { name: /^\d+ sources read \(locations\)$/ })).toHaveAttribute('href', '/locations');
    await expect(tiles.getByRole('link', { name: /^\d+ Location entit(y|ies)$/ })).toBeVisible();
  });

  test('the relation graph is laid out by kind without overlaps, fits the view, and filters by kind and relation', async ({ page }) => {
    await page.goto('/catalog/system/default/shipment-management?tab=graph&depth=2');
    const graph = page.getByTestId('entity-graph');
    const entities = graph.locator('.react-flow__node-entity');
    const stated = Number((await page.getByText(/^\d+ entities and \d+ relations/).textContent())!.match(/^(\d+)/)![1]);
    await expect(entities).toHaveCount(stated);
    expect(stated).toBeGreaterThan(20);
    // Fitted: every entity is inside the drawing area, and no two overlap.
    await page.waitForTimeout(300);
    const area = (await graph.boundingBox())!;
    const boxes = await entities.evaluateAll((els) =>
      els.map((el) => el.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })),
    );
    for (const b of boxes)
      expect(b.x >= area.x - 1 && b.y >= area.y - 1 && b.x + b.w <= area.x + area.width + 1 && b.y + b.h <= area.y + area.height + 1).toBe(
        true,
      );
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y).toBe(true);
      }
    await expect(graph.locator('.react-flow__node-kind').filter({ hasText: 'Component' })).toHaveCount(1);
    // Relation labels appear on hover only.
    await expect(graph.locator('.react-flow__edge-text')).toHaveCount(0);
    // (Hovered again until the fit-to-view animation has settled under the pointer.)
    await expect(async () => {
      // (The pointer leaves first: an entity that moved under a still pointer is never entered.)
      await page.mouse.move(0, 0);
      await entities.filter({ hasText: 'shipments-service' }).hover();
      await expect(graph.locator('.react-flow__edge-text').first()).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 10_000 });
    // The hovered entity keeps the pointer (nothing re-drawn under it) and the unrelated ones are dimmed.
    await page.waitForTimeout(300);
    expect(await graph.locator('.react-flow__edge-text').count()).toBeGreaterThan(0);
    await expect(entities.locator('.opacity-30').first()).toBeVisible();
    // Filters: hiding Resources removes them; hiding "part of" leaves only what other relations tie in.
    const resources = await entities.filter({ hasText: 'Resource' }).count();
    expect(resources).toBeGreaterThan(0);
    await page
      .getByRole('group', { name: 'Kinds' })
      .getByRole('button', { name: /^Resource/ })
      .click();
    await expect(entities.filter({ hasText: 'Resource' })).toHaveCount(0);
    // Entities tied in only through a resource go with it.
    expect(await entities.count()).toBeLessThanOrEqual(stated - resources);
    await page
      .getByRole('group', { name: 'Kinds' })
      .getByRole('button', { name: /^Resource/ })
      .click();
    await expect(entities).toHaveCount(stated);
    await page
      .getByRole('group', { name: 'Relations' })
      .getByRole('button', { name: /^part of/ })
      .click();
    await expect(page.getByRole('group', { name: 'Relations' }).getByRole('button', { name: /^part of/ })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    expect(await entities.count()).toBeLessThan(stated);
    await page.getByRole('button', { name: 'Fit to view' }).click();
  });

  test("an OpenAPI description reads as Markdown: its source's line breaks are not the reader's", async ({ page }) => {
    await page.goto('/catalog/api/default/booking-api?tab=definition');
    const description = page.getByText(/^Public API for business customers/);
    expect(await description.innerText()).toBe(
      'Public API for business customers to book shipments, based on a quote from the Rates API. Authenticated with ' +
        'per-customer API keys issued in the customer portal. Rate limited to 20 requests/second per key.',
    );
    // None of its operations has a tag: they are its operations, not "Other".
    await expect(page.getByRole('heading', { name: 'Operations', exact: true })).toBeVisible();
  });

  test('AsyncAPI, GraphQL and gRPC definitions are rendered as references', async ({ page }) => {
    await page.goto('/catalog/api/default/shipment-events?tab=definition');
    const channel = page.getByRole('region', { name: 'Channel shipments.lifecycle.v1' });
    await expect(channel.getByText('onShipmentLifecycle')).toBeVisible();
    await channel.getByText('ShipmentBooked', { exact: true }).click();
    await expect(channel.getByText('shipmentId').first()).toBeVisible();

    await page.goto('/catalog/api/default/customer-portal-graphql?tab=definition');
    await expect(page.getByRole('region', { name: 'Mutations' }).getByText('cancelBooking', { exact: true })).toBeVisible();
    await page.getByLabel('Search the schema').fill('tracking');
    await expect(page.getByRole('region', { name: 'Queries' }).getByText('tracking', { exact: true })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Queries' }).getByText('invoices', { exact: true })).toHaveCount(0);

    await page.goto('/catalog/api/default/route-optimizer-grpc?tab=definition');
    const service = page.getByRole('region', { name: 'Service RouteOptimizer' });
    await expect(service.getByText('OptimizeStream')).toBeVisible();
    await service.getByRole('link', { name: 'RoutePlan' }).first().click();
    await expect(page).toHaveURL(/#msg-RoutePlan$/);
    // The source stays one click away.
    await page.getByRole('link', { name: 'Source', exact: true }).click();
    await expect(page.getByText('service RouteOptimizer {')).toBeVisible();
  });

  test('a refused page is logged as one line without a stack', async ({ browser, baseURL }) => {
    const page = await signedInAs(browser, baseURL!, MEMBER);
    await page.goto('/admin/audit');
    await page.context().close();
    // Whatever the page shows, the server log holds no stack trace for an expected refusal.
    const log = fs.readFileSync(currentServer().logFile, 'utf8');
    expect(log).not.toMatch(/\[AppError\]: you do not have the audit\.read permission\s*\n\s+at /);
  });
});

test.describe('page width', () => {
  // The page itself never gets wider than the phone: a wide table scrolls inside its own box, a long
  // path or name wraps or is shortened (its full text on hover). Each page with the rows that made it
  // overflow once (a token, a lead, child locations, long names in Relations, a long API path).
  const fitsPhone = async (page: Page, path: string) => {
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect.soft(width, `${path} is ${width}px wide on a ${PHONE.width}px phone`).toBeLessThanOrEqual(PHONE.width);
  };
  /** The element lies within the phone's width (not scrolled off the side of its table). */
  const onScreen = async (locator: Locator) => {
    const shown = locator.filter({ visible: true }).first();
    const box = (await shown.boundingBox())!;
    expect.soft(box.x + box.width, `${await shown.textContent()} ends at ${box.x + box.width}px`).toBeLessThanOrEqual(PHONE.width);
  };

  test('the pages with paths, refs and wide tables fit a phone, and what tells rows apart stays on screen', async ({
    browser,
    baseURL,
  }) => {
    const member = await signedInAs(browser, baseURL!, MEMBER, PHONE);
    await member.goto('/settings/tokens');
    await member.getByLabel('Name').fill('phone-check');
    await member.getByRole('button', { name: 'Create token' }).click();
    await expect(member.getByTestId('new-token')).toBeVisible();
    await fitsPhone(member, '/settings/tokens');

    await fitsPhone(member, '/locations');
    const locations = member.getByRole('region', { name: 'Locations' });
    await onScreen(
      locations
        .getByRole('row')
        .nth(1)
        .getByText(/^(ok|error|pending)$/),
    );
    await member.getByRole('table').getByRole('link').first().click();
    await expect(member.getByRole('region', { name: /^Child locations/ })).toBeVisible();
    await fitsPhone(member, new URL(member.url()).pathname);
    // A location's entities list each one's file under its name: a File column squeezed beside a long
    // name made every row a column of single characters.
    await member.goto('/locations');
    await member.getByRole('table').getByRole('link').nth(1).click();
    const entities = member.getByRole('region', { name: /^Entities/ });
    await expect(entities.getByRole('term').filter({ hasText: 'File' }).first()).toBeVisible();
    await onScreen(entities.getByRole('definition').filter({ hasText: /catalog-info\.yaml/ }));

    // An import preview lists each entity's file and note under its name, on screen.
    await member.goto('/catalog-import');
    await member.getByLabel('Type').selectOption('file');
    await member.getByLabel('Target').fill('../examples/components/shipments-service/catalog-info.yaml');
    await member.getByRole('button', { name: 'Analyze' }).click();
    await onScreen(
      member
        .getByRole('definition')
        .filter({ hasText: /^already in catalog from/ })
        .first(),
    );
    await onScreen(
      member
        .getByRole('definition')
        .filter({ hasText: /catalog-info\.yaml$/ })
        .first(),
    );
    expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBe(PHONE.width);

    // A template's steps wrap onto a second line rather than run off the side of the form.
    await fitsPhone(member, '/create/templates/default/documentation-site');
    const [stepsWidth, stepsBox] = await member.getByRole('list', { name: 'Steps' }).evaluate((l) => [l.scrollWidth, l.clientWidth]);
    expect.soft(stepsWidth, 'the steps scroll sideways').toBeLessThanOrEqual(stepsBox);

    await fitsPhone(member, '/catalog/group/default/team-devex');
    await fitsPhone(member, '/catalog/system/default/developer-platform');
    await fitsPhone(member, '/catalog/api/default/booking-api?tab=definition');
    await expect(member.getByText('/bookings/{bookingId}/documents')).toBeVisible();

    await fitsPhone(member, '/docs');
    await onScreen(
      member
        .getByRole('region', { name: 'Documented entities' })
        .getByText(/^(Up to date|\d+ problems?|Not built yet|Changed .*|Source unreachable.*)$/),
    );

    await member.goto('/settings/tokens');
    member.once('dialog', (d) => void d.accept());
    await member.getByRole('button', { name: 'Revoke phone-check' }).click();
    await expect(member.getByRole('row', { name: /phone-check/ }).getByText('revoked')).toBeVisible();
    await member.context().close();

    const admin = await signedInAs(browser, baseURL!, 'user:default/sanne-devries', PHONE);
    await admin.goto('/admin/leads');
    await chooseRef(admin.getByRole('combobox', { name: 'Group', exact: true }), 'group:default/team-analytics');
    await chooseRef(admin.getByRole('combobox', { name: 'User', exact: true }), 'user:default/eva-degroot');
    await admin.getByRole('button', { name: 'Appoint lead' }).click();
    await expect(admin.getByRole('status')).toContainText('now leads group:default/team-analytics');
    await fitsPhone(admin, '/admin/leads');
    await onScreen(admin.getByRole('row', { name: /team-analytics.*eva-degroot/ }).getByRole('button', { name: 'Remove' }));
    await admin
      .getByRole('row', { name: /team-analytics.*eva-degroot/ })
      .getByRole('button', { name: 'Remove' })
      .click();
    await expect(admin.getByRole('row', { name: /team-analytics.*eva-degroot/ })).toHaveCount(0);

    await fitsPhone(admin, '/admin/audit');
    await onScreen(admin.getByRole('region', { name: 'Audit log' }).getByText('lead.appoint'));
    await admin.context().close();
  });

  test('a group page shows what the group owns on a phone without scrolling the table sideways', async ({ browser, baseURL }) => {
    const member = await signedInAs(browser, baseURL!, MEMBER, PHONE);
    await member.goto('/catalog/group/default/team-devex');
    const owned = member.getByRole('region', { name: /^Owned/ }).getByRole('table');
    await expect(owned.getByRole('row').nth(1)).toBeVisible();
    const [scroll, client] = await owned.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(scroll, 'the Owned table scrolls sideways inside its card').toBeLessThanOrEqual(client);
    // The values of the columns a phone has no room for are listed under the name.
    await onScreen(owned.getByRole('row').nth(1).getByText('Owned through', { exact: true }));
    // On a wide screen every column is shown and the descriptions are cut to fit, not scrolled to.
    await member.setViewportSize({ width: 1440, height: 900 });
    const wide = await owned.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(wide[0], 'the Owned table scrolls sideways inside its card at 1440').toBeLessThanOrEqual(wide[1]);
    await member.context().close();
  });

  test('the relation graph fits its view again when the window is resized', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/catalog/system/default/shipment-management?tab=graph&depth=2');
    const graph = page.getByTestId('entity-graph');
    const entities = graph.locator('.react-flow__node-entity');
    await expect(entities.first()).toBeVisible();
    await page.waitForTimeout(500);
    await page.setViewportSize(PHONE);
    // Every entity is inside the (now narrower) drawing area again.
    await expect
      .poll(async () => {
        const area = (await graph.boundingBox())!;
        const boxes = await entities.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON() as DOMRect));
        return boxes.filter((b) => b.x < area.x - 1 || b.x + b.width > area.x + area.width + 1).length;
      })
      .toBe(0);
  });

  test('on a wide screen the usage tables of the insights keep every column inside their card', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    // A page with a long route name, so that "Most used pages" lists one (recorded once the page has loaded).
    await page.goto('/catalog/component/default/booking-service/docs');
    await page.waitForLoadState('networkidle');
    await page.goto('/insights');
    const table = page.getByRole('region', { name: 'Most used pages (30 days)' }).getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'People' })).toBeAttached();
    // Its box does not scroll sideways: Uses and People are in view beside the names.
    const [scroll, client] = await table.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
  });

  test('on a wide screen every column of the catalog is inside its box, long owners wrapping', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/catalog?kind=component');
    const table = page.getByRole('table');
    await expect(table.getByRole('columnheader', { name: 'Tags' })).toBeVisible();
    const [scroll, client] = await table.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(scroll).toBe(client);
  });

  test('on a phone a metric’s list gives each row’s name the width, with the other columns under it', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto('/insights');
    // The stand-in's organisation has dozens of repositories created in the last 90 days.
    const list = page.getByRole('group').filter({ hasText: 'Repositories created in the last 90 days' });
    await list.getByText(/^Repositories created in the last 90 days/).click();
    const table = list.getByRole('table');
    await expect(table.getByRole('row').nth(1)).toBeVisible();
    await expect(table.getByRole('columnheader', { name: 'Created' })).toBeHidden();
    await expect(table.getByRole('term').filter({ hasText: 'Created' }).first()).toBeVisible();
    const [scroll, client] = await table.evaluate((t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(scroll).toBe(client);
    // A ref is not broken into a column of letters: its first cell is most of the row.
    const [cell, row] = await table.evaluate((t: HTMLTableElement) => [t.rows[1].cells[0].offsetWidth, t.rows[1].offsetWidth]);
    expect(cell / row).toBeGreaterThan(0.8);
  });
});
