import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { loadTemplate } from '@/lib/scaffolder';
import { signInAs, signOut } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import {
  deleteManagedEntityAction,
  previewLocationAction,
  refreshEntityAction,
  registerLocationAction,
  saveManagedEntityAction,
  unregisterLocationAction,
} from './actions';
import { ingestLocationTree } from './ingest/ingest-location';
import { resolveRegistrationTarget, syncConfigLocations } from './location-admin';
import { getEntityByRef } from './queries/served-entities';

// revalidatePath needs a Next request context; here we only check which pages the actions invalidate.
const revalidated = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
// Actions read the session cookie of the request; testing/sign-in.ts provides the request.
vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());

const t = useTestDb();
// org.yaml (a config location: trusted) holds the groups and the person the lead test needs; the
// admin and the plain member are on no User of the catalog (allowUnknownUsers).
const config = useTestConfig(
  'actions',
  'catalog:\n  rules:\n    - allow: [Component, API, Group, User, System, Location]\n  locations:\n    - { type: file, target: ./org.yaml }\n  fileLocationRoots: [.]\nauth:\n  admins:\n    logins: [the-admin]\n  allowUnknownUsers: true\n',
);

const form = (overrides: Record<string, string> = {}) => ({
  mode: 'form' as const,
  kind: 'Component',
  name: 'billing-ui',
  title: 'Billing UI',
  type: 'website',
  lifecycle: 'experimental',
  owner: 'team-billing',
  tags: 'web, billing',
  links: 'https://grafana.example.com/d/billing Dashboard',
  ...overrides,
});

beforeAll(() => {
  fs.writeFileSync(
    path.join(config.dir, 'catalog-info.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  lifecycle: production
  owner: team-a
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: Not Valid
spec: {}
`,
  );
});

// Every test below runs as an admin (auth.admins.logins) unless it signs in as someone else.
beforeAll(async () => {
  await signInAs({ login: 'the-admin' });
});

describe('managed entity actions', () => {
  it('creates an entity from the form, edits it keeping fields the form does not show, and deletes it', async () => {
    const created = await saveManagedEntityAction(form());
    expect(created).toEqual({ ok: true, data: { ref: 'component:default/billing-ui', href: '/catalog/component/default/billing-ui' } });
    expect(revalidated).toContain('/catalog/component/default/billing-ui');
    const entity = await getEntityByRef('component:default/billing-ui');
    expect(entity?.metadata).toMatchObject({
      title: 'Billing UI',
      tags: ['web', 'billing'],
      links: [{ url: 'https://grafana.example.com/d/billing', title: 'Dashboard' }],
    });
    expect(entity?.relations).toContainEqual({ type: 'ownedBy', targetRef: 'group:default/team-billing' });

    // A YAML edit adds an annotation the form has no field for; a later form edit keeps it.
    const stored = await t.db.prisma.entity.findUniqueOrThrow({ where: { ref: 'component:default/billing-ui' } });
    const yaml = stored.rawYaml.replace('metadata:\n', 'metadata:\n  annotations:\n    github.com/project-slug: acme/billing-ui\n');
    expect(await saveManagedEntityAction({ mode: 'yaml', expectedRef: 'component:default/billing-ui', yaml })).toMatchObject({ ok: true });
    expect(
      await saveManagedEntityAction(
        form({ expectedRef: 'component:default/billing-ui', title: 'Billing web app', lifecycle: 'production' }),
      ),
    ).toMatchObject({ ok: true });
    const edited = await getEntityByRef('component:default/billing-ui');
    expect(edited?.metadata.title).toBe('Billing web app');
    expect(edited?.metadata.annotations).toEqual({ 'github.com/project-slug': 'acme/billing-ui' });
    expect(edited?.spec?.lifecycle).toBe('production');

    // Creating it again is a conflict, said in words.
    expect(await saveManagedEntityAction(form())).toEqual({
      ok: false,
      code: 'CONFLICT',
      error: 'component:default/billing-ui already exists; pick another name or edit it',
    });

    expect(await deleteManagedEntityAction({ entityRef: 'component:default/billing-ui' })).toEqual({
      ok: true,
      data: { ref: 'component:default/billing-ui' },
    });
    expect(await getEntityByRef('component:default/billing-ui')).toBeNull();
  });

  it('reports invalid fields next to the field, and nothing is written', async () => {
    const result = await saveManagedEntityAction(form({ name: 'checkout', owner: '', tags: 'ok, Not A Tag' }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.fieldErrors?.owner).toEqual(['spec.owner is required for kind Component']);
    expect(result.fieldErrors?.tags?.[0]).toMatch(/metadata.tags\[1\] "Not A Tag" must match/);
    expect(await t.db.prisma.entity.count({ where: { name: 'checkout' } })).toBe(0);
  });

  it('returns the descriptor error message verbatim for invalid YAML', async () => {
    const result = await saveManagedEntityAction({
      mode: 'yaml',
      yaml: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n',
    });
    expect(result).toEqual({
      ok: false,
      code: 'UNPROCESSABLE',
      error:
        'spec.lifecycle is required for kind Component at descriptor.yaml:5:1\nspec.owner is required for kind Component at descriptor.yaml:5:1',
    });
  });

  it('makes no entity of a kind catalog.rules leave out, above all no Template', async () => {
    // A Template's steps act with the integrations' credentials; these rules do not allow one.
    const yaml = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: portal-made
spec:
  type: service
  owner: team-a
  steps:
    - id: push
      action: github:repo:push
      input: { repoUrl: github.com?owner=acme&repo=payments }
`;
    expect(await saveManagedEntityAction({ mode: 'yaml', yaml })).toEqual({
      ok: false,
      code: 'UNPROCESSABLE',
      error:
        'kind Template cannot be made in the portal: catalog.rules do not allow it (allowed: component, api, group, user, system, location); add it to a location in wayfinder.config.yaml whose rules allow it',
    });
    expect(await getEntityByRef('template:default/portal-made')).toBeNull();

    // One saved before (or while the rules allowed it) does not run either.
    await t.db.prisma.entity.create({
      data: {
        ref: 'template:default/portal-made',
        kind: 'Template',
        namespace: 'default',
        name: 'portal-made',
        owner: 'group:default/team-a',
        body: parse(yaml),
        rawYaml: yaml,
        etag: 'stored-before',
        searchText: 'portal-made',
      },
    });
    await expect(loadTemplate('template:default/portal-made')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('was made in the portal, and catalog.rules no longer allow a Template there'),
    });
    await t.db.prisma.entity.delete({ where: { ref: 'template:default/portal-made' } });
  });

  it('refuses to edit or delete an entity that comes from a location', async () => {
    const reg = await registerLocationAction({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') });
    expect(reg.ok).toBe(true);
    const yaml =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: service\n  lifecycle: production\n  owner: team-b\n';
    expect(await saveManagedEntityAction({ mode: 'yaml', expectedRef: 'component:default/orders', yaml })).toEqual({
      ok: false,
      code: 'CONFLICT',
      error: 'component:default/orders comes from a catalog location; change it in its descriptor file instead',
    });
    expect(await deleteManagedEntityAction({ entityRef: 'component:default/orders' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('comes from a catalog location'),
    });
    // Unchanged: orders and its location's generated Location entity.
    expect(await refreshEntityAction({ entityRef: 'component:default/orders' })).toMatchObject({
      ok: true,
      data: { managed: false, unchanged: 2 },
    });
    if (reg.ok) expect(await unregisterLocationAction({ id: reg.data.id })).toEqual({ ok: true, data: { id: reg.data.id } });
    expect(await getEntityByRef('component:default/orders')).toBeNull();
  });
});

describe('location actions', () => {
  it('previews a location without writing anything', async () => {
    const before = {
      locations: await t.db.prisma.location.count(),
      entities: await t.db.prisma.entity.count(),
      errors: await t.db.prisma.processingError.count(),
    };
    const result = await previewLocationAction({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.entities.map((e) => e.ref)).toEqual(['component:default/orders']);
    expect(result.data.entities[0]).not.toHaveProperty('entity');
    expect(result.data.errors.map((e) => [e.line, e.code])).toContainEqual([13, 'invalid-entity']);
    expect({
      locations: await t.db.prisma.location.count(),
      entities: await t.db.prisma.entity.count(),
      errors: await t.db.prisma.processingError.count(),
    }).toEqual(before);
  });

  it('says what is wrong with a target', async () => {
    expect(await previewLocationAction({ type: 'url', target: 'not a url' })).toEqual({
      ok: false,
      code: 'BAD_REQUEST',
      error: '"not a url" is not a URL; give an absolute http(s) URL of a catalog-info.yaml',
    });
    // A path under the type url: the fix is the type.
    for (const target of ['/srv/catalog/catalog-info.yaml', './examples/catalog-info.yaml', '../x/catalog-info.yaml'])
      expect(await previewLocationAction({ type: 'url', target })).toMatchObject({
        ok: false,
        error: `"${target}" is a path, not a URL; choose the type file to register a file, or give an absolute http(s) URL of a catalog-info.yaml`,
      });
    // A token pasted into the URL would be stored and listed: refused, and not repeated back.
    const pasted = await registerLocationAction({
      type: 'url',
      target: 'https://octocat:ghp_pasted1234@github.com/acme/app/blob/main/catalog-info.yaml',
    });
    expect(pasted).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      error: expect.stringMatching(/^remove the user name and password from the URL \(github\.com\/acme\/app\/blob/),
    });
    expect(JSON.stringify(pasted)).not.toContain('ghp_pasted1234');
    await expect(
      resolveRegistrationTarget({ type: 'github-discovery', target: 'https://octocat:ghp_pasted1234@github.com/acme' }),
    ).rejects.toThrow(/^remove the user name and password from the URL \(github\.com\/acme\)/);
    expect(await t.db.prisma.location.count({ where: { target: { contains: 'ghp_pasted1234' } } })).toBe(0);
    const empty = await registerLocationAction({ type: 'file', target: ' ' });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { target: ['give the URL or path of a catalog-info.yaml'] } });
  });
});

describe('forged requests: the action checks who is asking, whatever the UI shows', () => {
  const managed = (name: string, owner: string) => form({ name, title: name, owner });

  it('refuses everything to a caller with no session', async () => {
    signOut();
    try {
      expect(await deleteManagedEntityAction({ entityRef: 'component:default/orders' })).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      });
      expect(await registerLocationAction({ type: 'file', target: path.join(config.dir, 'catalog-info.yaml') })).toMatchObject({
        ok: false,
        code: 'UNAUTHENTICATED',
      });
    } finally {
      await signInAs({ login: 'the-admin' });
    }
  });

  it('refuses a member creating or deleting an entity or unregistering a location, and changes nothing', async () => {
    expect(await saveManagedEntityAction(managed('member-target', 'team-a'))).toMatchObject({ ok: true });
    fs.writeFileSync(
      path.join(config.dir, 'member-test.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: from-member-test\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
    );
    const reg = await registerLocationAction({ type: 'file', target: path.join(config.dir, 'member-test.yaml') });
    expect(reg.ok).toBe(true);
    const loc = await t.db.prisma.location.findFirstOrThrow({ where: { target: { endsWith: 'member-test.yaml' } } });
    await signInAs({ login: 'plain-member' });
    try {
      // Creating is refused for what it is: catalog.entity.create, not the update permission.
      const created = await saveManagedEntityAction(form({ name: 'member-created' }));
      expect(created).toMatchObject({ ok: false, code: 'FORBIDDEN', error: 'you do not have the catalog.entity.create permission' });
      expect(await getEntityByRef('component:default/member-created')).toBeNull();
      const del = await deleteManagedEntityAction({ entityRef: 'component:default/member-target' });
      expect(del).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      const unreg = await unregisterLocationAction({ id: loc.id });
      expect(unreg).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await getEntityByRef('component:default/member-target')).not.toBeNull();
      expect(await t.db.prisma.location.findUnique({ where: { id: loc.id } })).not.toBeNull();
    } finally {
      await signInAs({ login: 'the-admin' });
    }
  });

  it('lets a lead edit what their group (or a group below it) owns, and nothing else', async () => {
    // team-child is a child of team-parent; the lead leads team-parent (a portal appointment). Groups
    // and people come from the configuration: only trusted sources define the hierarchy and who is who.
    const groups = [
      ['team-parent', null],
      ['team-child', 'team-parent'],
      ['team-other', null],
    ] as const;
    const org = groups.map(
      ([name, parent]) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: ${name}\nspec:\n  type: team\n  children: []\n${parent ? `  parent: ${parent}\n` : ''}`,
    );
    org.push('apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: lena\nspec:\n  memberOf: [team-parent]\n');
    fs.writeFileSync(path.join(config.dir, 'org.yaml'), org.join('---\n'));
    for (const id of await syncConfigLocations()) await ingestLocationTree(id);
    expect(await saveManagedEntityAction(managed('child-owned', 'team-child'))).toMatchObject({ ok: true });
    expect(await saveManagedEntityAction(managed('other-owned', 'team-other'))).toMatchObject({ ok: true });
    await t.db.prisma.groupLead.create({ data: { groupRef: 'group:default/team-parent', userRef: 'user:default/lena', source: 'portal' } });

    await signInAs({ login: 'lena', entityRef: 'user:default/lena' });
    try {
      const own = await saveManagedEntityAction(
        form({ name: 'child-owned', expectedRef: 'component:default/child-owned', title: 'Edited by the lead', owner: 'team-child' }),
      );
      expect(own).toMatchObject({ ok: true });
      const other = await saveManagedEntityAction(
        form({ name: 'other-owned', expectedRef: 'component:default/other-owned', title: 'Hijacked', owner: 'team-child' }),
      );
      expect(other).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(other.ok || other.error).toContain('group:default/team-other');
      expect((await getEntityByRef('component:default/other-owned'))?.metadata.title).toBe('other-owned');
      expect(await deleteManagedEntityAction({ entityRef: 'component:default/other-owned' })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });
    } finally {
      await signInAs({ login: 'the-admin' });
    }
  });
});
