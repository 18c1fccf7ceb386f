import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { getEntityByRef } from '@/lib/catalog/queries/served-entities';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { registerLocation, unregisterLocation } from '../location-admin';
import { ingestLocation, ingestLocationTree } from './ingest-location';
import { onEntitiesWritten } from './write-listeners';

const t = useTestDb();
const config = useTestConfig(
  'ingest',
  'catalog:\n  rules:\n    - allow: [Component, API, Group, System, Location]\n  fileLocationRoots: [.]\n  limits: { maxFileBytes: 1048576, maxDocumentsPerFile: 2000 }\n',
);

const component = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: team-a
${extra}`;

function write(rel: string, text: string) {
  const file = path.join(config.dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function errorsOf(locationId: string) {
  return t.db.prisma.processingError.findMany({ where: { locationId }, orderBy: [{ file: 'asc' }, { line: 'asc' }] });
}

/** Refs read from the location's source (not its generated Location entity, tested on its own). */
async function refsOf(locationId: string) {
  const rows = await t.db.prisma.entity.findMany({
    where: { locationId, NOT: { ref: { startsWith: 'location:default/generated-' } } },
    select: { ref: true },
    orderBy: { ref: 'asc' },
  });
  return rows.map((e) => e.ref);
}

beforeEach(async () => {
  await t.db.prisma.location.deleteMany();
  await t.db.prisma.entity.deleteMany();
});

describe('ingesting a location', () => {
  it("gives a registered location Backstage's generated Location entity, which declares no child location", async () => {
    const file = write('generated/catalog-info.yaml', component('gen'));
    const { id } = await registerLocation({ type: 'file', target: file });
    const name = `generated-${createHash('sha1').update(`file:${file}`).digest('hex')}`;
    const row = await t.db.prisma.entity.findUnique({ where: { ref: `location:default/${name}` } });
    expect(row?.locationId).toBe(id);
    expect(row?.body).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: {
        name,
        namespace: 'default',
        annotations: { 'backstage.io/managed-by-location': `file:${file}`, 'backstage.io/managed-by-origin-location': `file:${file}` },
      },
      spec: { type: 'file', target: file },
    });
    await ingestLocationTree(id);
    expect(await t.db.prisma.location.count()).toBe(1);
    expect(await refsOf(id)).toEqual(['component:default/gen']);
  });

  it('keeps the good documents of a file when one document is bad, and locates the error', async () => {
    write('multi/catalog-info.yaml', `${component('first')}---\n${component('Order_Service!')}---\n${component('third')}`);
    const { id } = await registerLocation({ type: 'file', target: path.join(config.dir, 'multi/catalog-info.yaml') });
    expect(await refsOf(id)).toEqual(['component:default/first', 'component:default/third']);
    const [error] = await errorsOf(id);
    expect(error).toMatchObject({ line: 13, column: 9, code: 'invalid-entity' });
    expect(error.message).toContain(
      'metadata.name "Order_Service!" must be letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters)',
    );
    expect(error.message).toMatch(/at .*multi\/catalog-info\.yaml:13:9$/);
  });

  it('keeps the last good version of an entity while its new version is invalid, with the error on it', async () => {
    const file = write('lastgood/catalog-info.yaml', component('billing', '  system: payments\n'));
    const { id } = await registerLocation({ type: 'file', target: file });
    write('lastgood/catalog-info.yaml', component('billing', '  system: payments\n').replace('lifecycle: production', 'lifecycle: [oops]'));
    await ingestLocationTree(id);
    const kept = await getEntityByRef('component:default/billing');
    expect(kept?.spec?.lifecycle).toBe('production');
    expect(kept?.status?.items[0]).toMatchObject({
      type: 'backstage.io/catalog-processing',
      level: 'error',
      error: { position: { line: 7 } },
    });

    write('lastgood/catalog-info.yaml', component('billing', '  system: payments\n').replace('production', 'deprecated'));
    await ingestLocationTree(id);
    const fixed = await getEntityByRef('component:default/billing');
    expect(fixed?.spec?.lifecycle).toBe('deprecated');
    expect(fixed?.status).toBeUndefined();
  });

  it('removes entities that are gone from the source', async () => {
    const file = write('gone/catalog-info.yaml', `${component('stays')}---\n${component('goes')}`);
    const { id } = await registerLocation({ type: 'file', target: file });
    write('gone/catalog-info.yaml', component('stays'));
    const [summary] = await ingestLocationTree(id);
    // Unchanged: `stays` and the location's generated Location entity.
    expect(summary).toMatchObject({ removed: 1, unchanged: 2 });
    expect(await refsOf(id)).toEqual(['component:default/stays']);
  });

  it('deletes the relations and search rows of removed entities, also when their location goes', async () => {
    const file = write('rows/catalog-info.yaml', `${component('kept', '  dependsOn: [component:gone]\n')}---\n${component('gone')}`);
    const { id } = await registerLocation({ type: 'file', target: file });
    const rows = async () => ({
      relations: await t.db.prisma.relation.count(),
      search: await t.db.prisma.entitySearch.count(),
      orphans: Number(
        (
          await t.db.driver.query<{ n: number }>(
            `SELECT (SELECT count(*) FROM "Relation" r WHERE NOT EXISTS (SELECT 1 FROM "Entity" e WHERE e."id" = r."originId"))
              + (SELECT count(*) FROM "EntitySearch" s WHERE NOT EXISTS (SELECT 1 FROM "Entity" e WHERE e."id" = s."entityId")) AS n`,
          )
        ).rows[0].n,
      ),
    });
    const before = await rows();
    write('rows/catalog-info.yaml', component('kept', '  dependsOn: [component:gone]\n'));
    await ingestLocationTree(id);
    const after = await rows();
    expect(after.orphans).toBe(0);
    expect(after.relations).toBe(before.relations - 2); // gone ownedBy team-a, team-a ownerOf gone
    expect(after.search).toBeLessThan(before.search);
    await t.db.prisma.location.delete({ where: { id } });
    expect(await rows()).toEqual({ relations: 0, search: 0, orphans: 0 });
  });

  it('gives a ref claimed by a second location to the first, with a conflict error on the second', async () => {
    const a = await registerLocation({ type: 'file', target: write('dup-a/catalog-info.yaml', component('shared')) });
    const b = await registerLocation({
      type: 'file',
      target: write('dup-b/catalog-info.yaml', `${component('other')}---\n${component('shared')}`),
    });
    expect(await refsOf(a.id)).toEqual(['component:default/shared']);
    expect(await refsOf(b.id)).toEqual(['component:default/other']);
    const [conflict] = await errorsOf(b.id);
    expect(conflict.code).toBe('conflict');
    expect(conflict.message).toContain('component:default/shared is already defined by file:');
    // Points at the second definition's name (its file's second document), not at a bogus `null` line.
    expect(conflict).toMatchObject({ file: expect.stringMatching(/dup-b\/catalog-info\.yaml$/), line: 13, column: 9 });
    expect(conflict.message).toMatch(/remove one definition at \S*dup-b\/catalog-info\.yaml:13:9$/);
  });

  it('reports invalid YAML with its line and keeps the other files of a folder location', async () => {
    write('folder/a/catalog-info.yaml', component('healthy'));
    write('folder/b/catalog-info.yaml', 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [unclosed\n');
    const { id } = await registerLocation({ type: 'file', target: path.join(config.dir, 'folder') });
    expect(await refsOf(id)).toEqual(['component:default/healthy']);
    const [error] = await errorsOf(id);
    expect(error.code).toBe('yaml-syntax');
    expect(error.file).toMatch(/folder\/b\/catalog-info\.yaml$/);
    expect(error.line).toBeGreaterThanOrEqual(4);
  });

  it('refuses an alias bomb and an oversized file without losing the entities they produced before', async () => {
    const file = write('bomb/catalog-info.yaml', component('survivor'));
    const { id } = await registerLocation({ type: 'file', target: file });
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i < 9; i++)
      bomb.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(',')}]`,
      );
    write('bomb/catalog-info.yaml', `${bomb.join('\n')}\n`);
    await ingestLocationTree(id);
    expect(await refsOf(id)).toEqual(['component:default/survivor']);
    expect((await errorsOf(id))[0].code).toBe('yaml-aliases');

    write('bomb/catalog-info.yaml', `${component('survivor')}# ${'x'.repeat(1_100_000)}\n`);
    await ingestLocationTree(id);
    expect(await refsOf(id)).toEqual(['component:default/survivor']);
    expect((await errorsOf(id))[0].message).toMatch(/limit is 1048576 bytes/);
  });

  it('ingests a whole catalog in one file, and refuses a file over catalog.limits keeping what it produced before', async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => component(`svc-${i}`)).join('---\n');
    const file = write('monolith/catalog.yaml', many(1500));
    const { id } = await registerLocation({ type: 'file', target: file });
    // The components, and the Location entity generated for the registered location.
    const components = { locationId: id, kind: 'Component' };
    expect(await t.db.prisma.entity.count({ where: components })).toBe(1500);
    expect(await errorsOf(id)).toEqual([]);

    write('monolith/catalog.yaml', many(2001));
    await ingestLocationTree(id);
    expect(await t.db.prisma.entity.count({ where: components })).toBe(1500);
    const errors = await errorsOf(id);
    expect(errors.map((e) => [e.code, e.line, e.message.replace(/ at .*$/, '')])).toEqual([
      ['too-many-documents', 2000 * 9, 'file has 2001 YAML documents; the limit is 2000, so split it into several files'],
    ]);
    const location = await t.db.prisma.location.findUniqueOrThrow({ where: { id } });
    expect(location.status).toBe('error');
  });

  // Batches of 1,000 are written two at a time, each in its own transaction: every entity, relation
  // and search row arrives once, and the counts add up across batches.
  it('writes a location of several batches completely, and then only what changed', async () => {
    // Manual VACUUM and ANALYZE runs of the Entity table (autovacuum's are counted apart).
    const maintenance = async () =>
      (
        await t.db.prisma.$queryRaw<{ vacuums: number; analyses: number }[]>`
          SELECT vacuum_count::int AS vacuums, analyze_count::int AS analyses FROM pg_stat_user_tables WHERE relname = 'Entity'`
      )[0];
    const before = await maintenance();
    const files = [0, 1, 2].map((f) =>
      write(`batches/part-${f}.yaml`, Array.from({ length: 1_200 }, (_, i) => component(`svc-${f}-${i}`)).join('---\n')),
    );
    const { id } = await registerLocation({ type: 'file', target: path.join(config.dir, 'batches/*.yaml') });
    const components = { locationId: id, kind: 'Component' };
    expect(await t.db.prisma.entity.count({ where: components })).toBe(3_600);
    // ownedBy from each component and ownerOf back from its owner.
    expect(await t.db.prisma.relation.count({ where: { type: 'ownedBy' } })).toBe(3_600);
    expect(await t.db.prisma.relation.count({ where: { type: 'ownerOf' } })).toBe(3_600);
    expect(await t.db.prisma.entitySearch.count({ where: { key: 'spec.owner', value: 'team-a' } })).toBe(3_600);
    // Statistics only on the columns queries filter on.
    const analyzed = await t.db.prisma.$queryRaw<{ attname: string }[]>`
      SELECT attname FROM pg_stats WHERE tablename = 'Entity' AND attname IN ('kind', 'specType', 'searchText', 'rawYaml', 'body', 'ref')`;
    expect(analyzed.map((r) => r.attname).sort()).toEqual(['kind', 'searchText', 'specType']);
    // Vacuumed once at the end; analyzed once the pass outgrew the statistics (it added more
    // entities than the table held) and again at the end.
    expect(await maintenance()).toEqual({ vacuums: before.vacuums + 1, analyses: before.analyses + 2 });

    // Same lines (an entity's etag covers its line), one value changed.
    fs.writeFileSync(
      files[2],
      fs.readFileSync(files[2], 'utf8').replace('name: svc-2-7\nspec:\n  type: service', 'name: svc-2-7\nspec:\n  type: website'),
    );
    const [summary] = await ingestLocationTree(id);
    expect(summary).toMatchObject({ added: 0, updated: 1, removed: 0, unchanged: 3_600, errors: 0 });
    expect((await getEntityByRef('component:default/svc-2-7'))?.spec.type).toBe('website');
  });

  it.each([
    [
      'wrong apiVersion',
      'apiVersion: backstage.io/v9\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  lifecycle: production\n  owner: a\n',
      'backstage.io/v1alpha1',
    ],
    ['unknown kind', 'apiVersion: backstage.io/v1alpha1\nkind: Servic\nmetadata:\n  name: x\n', 'kind "Servic" is not a known kind'],
    [
      'missing owner',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspec:\n  type: service\n  lifecycle: production\n',
      'spec.owner is required for kind Component',
    ],
  ])('explains a descriptor with a %s', async (_label, text, expected) => {
    const { id } = await registerLocation({ type: 'file', target: write(`bad-${_label.replace(/ /g, '-')}/catalog-info.yaml`, text) });
    const errors = await errorsOf(id);
    expect(errors.map((e) => e.message).join('\n')).toContain(expected);
    expect(await refsOf(id)).toEqual([]);
  });

  it('ends quietly when its location is unregistered while it is read', async () => {
    const file = write('unregistered/catalog-info.yaml', component('first'));
    const { id } = await registerLocation({ type: 'file', target: file });
    write('unregistered/catalog-info.yaml', Array.from({ length: 1_200 }, (_, i) => component(`svc-${i}`)).join('---\n'));
    // A person unregisters it once the first batch of this read is written (a push-triggered refresh).
    let armed = true;
    onEntitiesWritten(async () => {
      if (!armed) return;
      armed = false;
      await unregisterLocation(id);
    });
    expect(await ingestLocationTree(id)).toEqual([]);
    expect(armed).toBe(false);
    expect(await t.db.prisma.location.count({ where: { id } })).toBe(0);
    expect(await t.db.prisma.entity.count({ where: { ref: { startsWith: 'component:default/svc-' } } })).toBe(0);
  });

  it('reads a location once for the refreshes that wait behind its running ingestion, and after all of them', async () => {
    const file = write('refreshed/catalog-info.yaml', component('refreshed'));
    const { id } = await registerLocation({ type: 'file', target: file });
    const first = ingestLocation(id);
    await new Promise((resolve) => setImmediate(resolve));
    // Changed after the first read began: the refreshes asked now must see it.
    write('refreshed/catalog-info.yaml', component('refreshed', '  system: billing\n'));
    const repeated = await Promise.all(Array.from({ length: 20 }, () => ingestLocation(id)));
    expect(new Set(repeated).size).toBe(1);
    expect(repeated[0]).not.toBe(await first);
    expect((await getEntityByRef('component:default/refreshed'))?.spec?.system).toBe('billing');
    // Once that read has run, a refresh reads again.
    expect(await ingestLocation(id)).not.toBe(repeated[0]);
  });

  it('keeps relations whose target does not exist, and derives both directions', async () => {
    const { id } = await registerLocation({
      type: 'file',
      target: write('rel/catalog-info.yaml', component('lonely', '  dependsOn: [component:ghost]\n')),
    });
    expect(await errorsOf(id)).toEqual([]);
    const entity = await getEntityByRef('component:default/lonely');
    expect(entity?.relations).toEqual(
      expect.arrayContaining([
        { type: 'dependsOn', targetRef: 'component:default/ghost' },
        { type: 'ownedBy', targetRef: 'group:default/team-a' },
      ]),
    );
    const incoming = await t.db.prisma.relation.findMany({ where: { sourceRef: 'component:default/ghost' } });
    expect(incoming.map((r) => [r.type, r.targetRef])).toEqual([['dependencyOf', 'component:default/lonely']]);
  });

  it('resolves $text substitutions relative to the descriptor', async () => {
    write('api/openapi.yaml', 'openapi: 3.0.0\ninfo: { title: Orders, version: "1" }\npaths: {}\n');
    const api =
      'apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: orders-api\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ./openapi.yaml\n';
    await registerLocation({ type: 'file', target: write('api/catalog-info.yaml', api) });
    const entity = await getEntityByRef('api:default/orders-api');
    expect(entity?.spec?.definition).toContain('title: Orders');
  });

  it('follows Location entities and removes a child location whose target was dropped', async () => {
    write('tree/one/catalog-info.yaml', component('one'));
    write('tree/two/catalog-info.yaml', component('two'));
    const root = write(
      'tree/catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: tree\nspec:\n  targets: [./one/catalog-info.yaml, ./two/catalog-info.yaml]\n',
    );
    const { summaries } = await registerLocation({ type: 'file', target: root });
    expect(summaries).toHaveLength(3);
    expect(await getEntityByRef('component:default/two')).not.toBeNull();
    write(
      'tree/catalog-info.yaml',
      'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: tree\nspec:\n  targets: [./one/catalog-info.yaml]\n',
    );
    const rootLoc = await t.db.prisma.location.findFirstOrThrow({ where: { parentId: null, target: root } });
    await ingestLocationTree(rootLoc.id);
    expect(await getEntityByRef('component:default/two')).toBeNull();
    expect(await getEntityByRef('component:default/one')).not.toBeNull();
  });

  it('says why a url Location with relative targets cannot be read from a file, and what to change', async () => {
    // 7K-Group/backstage-catalog catalog-info.yaml (its rules list trimmed). Registered by URL, its
    // targets resolve against that URL, as in Backstage; read from a file, `type: url` keeps them
    // relative URLs, which no one can read (Backstage leaves them unresolved too).
    const { id } = await registerLocation({
      type: 'file',
      target: write(
        'url-targets/catalog-info.yaml',
        'apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: backstage-catalog-root\n  description: Root location for all catalog entities and templates in this repo\nspec:\n  type: url\n  targets:\n    - ./catalog/acme-corp.yaml\n    - ./catalog/all.yaml\n',
      ),
    });
    expect((await errorsOf(id)).map((e) => e.message)).toEqual([
      'the url target "./catalog/acme-corp.yaml" is relative, and the descriptor that declares it was read from a file, not a URL: give an absolute URL, or leave out spec.type so that relative targets are files beside the descriptor',
    ]);
  });

  it('applies catalog.rules: a kind that is not allowed is an error, not an entity', async () => {
    const { id } = await registerLocation({
      type: 'file',
      target: write(
        'rules/catalog-info.yaml',
        'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: mallory\nspec:\n  memberOf: []\n',
      ),
    });
    expect(await refsOf(id)).toEqual([]);
    expect((await errorsOf(id))[0].message).toContain('kind User is not allowed from this location by catalog.rules');
  });

  it('refuses to register a file outside catalog.fileLocationRoots', async () => {
    await expect(registerLocation({ type: 'file', target: '/etc/passwd' })).rejects.toThrow(/outside the folders file locations may use/);
  });
});
