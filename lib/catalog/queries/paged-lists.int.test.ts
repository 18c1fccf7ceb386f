import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { getLocationDetail, getLocationName, listLocations, LOCATION_ENTITIES_PAGE_SIZE } from './location-list';
import { getGroupOwnership, getUserOwnership } from './pages';
import { listProblems } from './problems';

// The pages that list what grows with the catalog (a location's entities, errors and child
// locations, the locations, the processing errors, what a group or a person owns) read one page of
// it at a time.

useTestDb();
const config = useTestConfig('paged-lists', `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [.]\n`);

const component = (name: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
/** A descriptor without a name or an owner: three processing errors of its location. */
const broken = (i: number) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: broken ${i}\nspec:\n  type: service\n`;
const pad = (i: number) => String(i).padStart(3, '0');
const write = (name: string, docs: string[]) => {
  fs.writeFileSync(path.join(config.dir, name), docs.join('---\n'));
  return path.join(config.dir, name);
};

let big: string; // 130 components and 40 broken descriptors (120 errors)
let other: string; // 1 broken descriptor (3 errors), and an org: team-root, team-a and what they own
let parent: string; // a Location entity declaring 105 files

beforeAll(async () => {
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  big = (
    await registerLocation({
      type: 'file',
      target: write('a-big.yaml', [...range(130).map((i) => component(`svc-${pad(i)}`)), ...range(40).map(broken)]),
    })
  ).id;
  // team-root is team-a's parent and owns 3 components itself; ann owns one.
  const org = [
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-root\nspec:\n  type: org\n  children: [team-a]\n',
    'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  parent: team-root\n  children: []\n',
    ...range(3).map((i) => component(`aaa-root-${i}`).replace('owner: team-a', 'owner: team-root')),
    component('ann-tool').replace('owner: team-a', 'owner: user:ann'),
  ];
  other = (await registerLocation({ type: 'file', target: write('b-other.yaml', [...range(1).map(broken), ...org]) })).id;
  fs.mkdirSync(path.join(config.dir, 'children'));
  for (const i of range(105)) write(`children/c-${pad(i)}.yaml`, [component(`child-${pad(i)}`)]);
  const targets = range(105).map((i) => `./children/c-${pad(i)}.yaml`);
  const declaring = `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: children\nspec:\n  targets: ${JSON.stringify(targets)}\n`;
  parent = (await registerLocation({ type: 'file', target: write('c-parent.yaml', [declaring]) })).id;
}, 120_000);

describe("a location's page", () => {
  it('lists its entities a page at a time, by kind and name, and counts them all', async () => {
    const first = await getLocationDetail(big);
    // The 130 components and the location's generated Location entity.
    expect(first).toMatchObject({ entityCount: 131, entityPage: { page: 1, pages: 2 } });
    expect(first!.entities).toHaveLength(LOCATION_ENTITIES_PAGE_SIZE);
    expect(first!.entities.slice(0, 2).map((e) => e.name)).toEqual(['svc-000', 'svc-001']);
    const second = await getLocationDetail(big, '2');
    expect(second!.entities.map((e) => e.name)).toEqual([
      ...Array.from({ length: 30 }, (_, i) => `svc-${pad(100 + i)}`),
      expect.any(String),
    ]);
    expect(second!.entities.at(-1)!.kind).toBe('Location');
    // A page past the last is the last; anything else the first.
    expect((await getLocationDetail(big, '9'))!.entityPage).toEqual({ page: 2, pages: 2 });
    expect((await getLocationDetail(big, 'x'))!.entityPage).toEqual({ page: 1, pages: 2 });
  });

  it('shows its first 100 errors and its first 100 child locations, with how many there are', async () => {
    const detail = await getLocationDetail(big);
    expect(detail).toMatchObject({ errorCount: 120, childCount: 0, children: [] });
    expect(detail!.errors).toHaveLength(100);
    const lines = detail!.errors.map((e) => e.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    const declaring = await getLocationDetail(parent);
    expect(declaring).toMatchObject({ childCount: 105 });
    expect(declaring!.children).toHaveLength(100);
    expect(declaring!.children[0].display).toMatch(/c-000\.yaml$/);
  });

  it('is none for an id that is not a location', async () => {
    expect(await getLocationDetail('not-a-uuid')).toBeNull();
    expect(await getLocationDetail('------------------------------------')).toBeNull();
    expect(await getLocationName('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await getLocationName(big)).toEqual({ id: big, display: expect.stringMatching(/a-big\.yaml$/) });
  });
});

describe('the locations page', () => {
  it('lists registered locations before declared ones, a page at a time', async () => {
    const first = await listLocations();
    expect(first).toMatchObject({ total: 108, page: 1, pages: 2 });
    expect(first.locations.slice(0, 3).map((l) => [l.origin, l.id])).toEqual([
      ['api', big],
      ['api', other],
      ['api', parent],
    ]);
    expect(first.locations.slice(3).every((l) => l.origin === 'entity')).toBe(true);
    const second = await listLocations({ page: '2' });
    expect(second.locations).toHaveLength(8);
    expect(new Set([...first.locations, ...second.locations].map((l) => l.id)).size).toBe(108);
  });

  it('lists the locations one declared', async () => {
    const children = await listLocations({ parentId: parent, page: '2' });
    expect(children).toMatchObject({ total: 105, page: 2, pages: 2 });
    expect(children.locations.map((l) => l.display.replace(/.*\//, ''))).toEqual([
      'c-100.yaml',
      'c-101.yaml',
      'c-102.yaml',
      'c-103.yaml',
      'c-104.yaml',
    ]);
    expect(children.locations.every((l) => l.parentId === parent && l.entityCount === 1)).toBe(true);
  });
});

describe('the problems page', () => {
  it('lists the processing errors a page at a time, grouped by location, with each location’s count', async () => {
    const first = await listProblems();
    expect(first).toMatchObject({ total: 123, locations: 2, page: 1, pages: 2 });
    expect(first.groups.map((g) => [g.location.id, g.errors.length, g.errorCount])).toEqual([[big, 100, 120]]);
    const second = await listProblems({ page: '5' });
    expect(second.page).toBe(2);
    expect(second.groups.map((g) => [g.location.id, g.errors.length, g.errorCount])).toEqual([
      [big, 20, 120],
      [other, 3, 3],
    ]);
    const seen = [...first.groups, ...second.groups].flatMap((g) => g.errors.map((e) => e.id));
    expect(new Set(seen).size).toBe(123);
  });

  it("lists one location's errors", async () => {
    const one = await listProblems({ locationId: other });
    expect(one).toMatchObject({ total: 3, locations: 1, page: 1, pages: 1 });
    expect(one.groups.map((g) => [g.location.id, g.errors.length])).toEqual([[other, 3]]);
  });
});

describe('what a group or a person owns', () => {
  it("pages a group's entities by name, its child groups' included, each with the owner it is owned through", async () => {
    const first = await getGroupOwnership('group:default/team-root');
    // 3 of its own, and team-a's 130 + 105 components.
    expect(first).toMatchObject({ total: 238, page: 1, pages: 5 });
    expect(first.owned).toHaveLength(50);
    expect(first.owned.slice(0, 4).map((e) => [e.name, e.via])).toEqual([
      ['aaa-root-0', 'group:default/team-root'],
      ['aaa-root-1', 'group:default/team-root'],
      ['aaa-root-2', 'group:default/team-root'],
      ['child-000', 'group:default/team-a'],
    ]);
    const last = await getGroupOwnership('group:default/team-root', '99');
    expect(last).toMatchObject({ page: 5, pages: 5 });
    expect(last.owned.map((e) => e.name)).toEqual(Array.from({ length: 38 }, (_, i) => `svc-${pad(92 + i)}`));
    const seen = new Set<string>();
    for (let page = 1; page <= 5; page++)
      for (const e of (await getGroupOwnership('group:default/team-root', String(page))).owned) seen.add(e.ref);
    expect(seen.size).toBe(238);
    expect(await getGroupOwnership('group:default/team-a')).toMatchObject({ total: 235, pages: 5 });
    expect(await getGroupOwnership('group:default/nobody')).toMatchObject({ total: 0, owned: [], page: 1, pages: 1 });
  });

  it("pages what a person owns, theirs and their groups'", async () => {
    const own = await getUserOwnership('user:default/ann', []);
    expect(own).toMatchObject({ total: 1, pages: 1 });
    expect(own.owned.map((e) => [e.name, e.via])).toEqual([['ann-tool', 'user:default/ann']]);
    const withGroup = await getUserOwnership('user:default/ann', ['group:default/team-root'], '2');
    expect(withGroup).toMatchObject({ total: 4, page: 1, pages: 1 });
    expect(withGroup.owned.map((e) => e.name)).toEqual(['aaa-root-0', 'aaa-root-1', 'aaa-root-2', 'ann-tool']);
  });
});
