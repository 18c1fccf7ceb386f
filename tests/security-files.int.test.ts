import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { previewLocation, registerLocation, syncConfigLocations } from '@/lib/catalog/location-admin';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';

// Security suite, issue 9 point 2 (reads outside catalog.fileLocationRoots): a location registered
// through the API (and everything it leads to) reads only files whose real path lies inside the
// roots; symbolic links, Location entities and $text cannot lead out. `outside/` holds what an
// attacker wants: a catalog file and a secret.

const t = useTestDb();
const SECRET = 'root:x:0:0:SECRET-5e1d';
const config = useTestConfig(
  'security-files',
  `catalog:\n  rules:\n    - allow: ['*']\n  fileLocationRoots: [./root]\n  locations:\n    - { type: file, target: ./outside/configured.yaml }\n`,
);

const component = (name: string, extra = '') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n${extra}`;
const location = (name: string, targets: string[]) =>
  `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: ${name}\nspec:\n  targets: [${targets.join(', ')}]\n`;
const api = (name: string, definition: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ${definition}\n`;

let root: string;
let outside: string;
const rootsRule = () =>
  `catalog.fileLocationRoots (${root}), which bounds every location registered through the API or UI; reading it is refused`;

function write(file: string, text: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}
function link(target: string, at: string) {
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.symlinkSync(target, at);
  return at;
}

beforeAll(() => {
  root = path.join(config.dir, 'root');
  outside = path.join(config.dir, 'outside');
  write(path.join(outside, 'catalog-info.yaml'), component('stolen'));
  write(path.join(outside, 'passwd'), SECRET);
  write(path.join(outside, 'configured.yaml'), `${component('configured')}---\n${api('configured-api', './passwd')}`);
  write(path.join(root, 'plain/catalog-info.yaml'), component('plain'));

  link(path.join(outside, 'catalog-info.yaml'), path.join(root, 'file-link.yaml'));
  link(outside, path.join(root, 'folder-link'));
  link(path.join(outside, 'catalog-info.yaml'), path.join(root, 'mixed/linked/catalog-info.yaml'));
  write(path.join(root, 'mixed/own/catalog-info.yaml'), component('own'));

  write(
    path.join(root, 'leaving/catalog-info.yaml'),
    location('leaving', ['../../outside/catalog-info.yaml', './inner/catalog-info.yaml']),
  );
  write(path.join(root, 'leaving/inner/catalog-info.yaml'), location('inner', ['./deeper.yaml', './through-link.yaml']));
  write(path.join(root, 'leaving/inner/deeper.yaml'), component('deeper'));
  link(path.join(outside, 'catalog-info.yaml'), path.join(root, 'leaving/inner/through-link.yaml'));

  write(
    path.join(root, 'subst/catalog-info.yaml'),
    `${api('by-link', './passwd-link')}---\n${api('by-dots', '../../outside/passwd')}---\n${api('fine', './openapi.yaml')}---\n${api('from-github', 'https://github.com/acme/orders/blob/main/openapi.yaml')}`,
  );
  link(path.join(outside, 'passwd'), path.join(root, 'subst/passwd-link'));
  write(path.join(root, 'subst/openapi.yaml'), 'openapi: 3.0.0\n');
});

beforeEach(async () => {
  await t.db.prisma.location.deleteMany();
  await t.db.prisma.entity.deleteMany();
});

// Ingestion adds the Location entity Backstage generates for each location; these tests look at the rest.
const GENERATED = { kind: 'Location', name: { startsWith: 'generated-' } };
const read = (entities: { kind: string; name: string }[]) =>
  entities.filter((e) => !(e.kind === 'Location' && e.name.startsWith('generated-'))).map((e) => e.name);

async function namesOfAll() {
  return (await t.db.prisma.entity.findMany({ where: { NOT: GENERATED }, select: { name: true }, orderBy: { name: 'asc' } })).map(
    (e) => e.name,
  );
}
async function errorsOfAll() {
  return (await t.db.prisma.processingError.findMany({ orderBy: { message: 'asc' } })).map((e) => e.message);
}

describe('file locations registered through the API', () => {
  it('refuses a symbolic link to a file outside the roots, naming its real path and the rule', async () => {
    const file = path.join(root, 'file-link.yaml');
    await expect(registerLocation({ type: 'file', target: file })).rejects.toThrow(
      `${file} (through a symbolic link it is ${path.join(outside, 'catalog-info.yaml')}) lies outside ${rootsRule()}`,
    );
    await expect(previewLocation({ type: 'file', target: file })).rejects.toThrow('through a symbolic link');
    expect(await namesOfAll()).toEqual([]);
  });

  it('refuses a symbolic link to a folder outside the roots', async () => {
    const folder = path.join(root, 'folder-link');
    await expect(registerLocation({ type: 'file', target: folder })).rejects.toThrow(
      `${folder} (through a symbolic link it is ${outside}) lies outside ${rootsRule()}`,
    );
    await expect(registerLocation({ type: 'file', target: path.join(folder, 'catalog-info.yaml') })).rejects.toThrow(
      'lies outside catalog.fileLocationRoots',
    );
  });

  it('skips linked files that a folder or glob location reaches, with an error each, and keeps the rest', async () => {
    const linked = path.join(root, 'mixed/linked/catalog-info.yaml');
    const refusal = `${linked} (through a symbolic link it is ${path.join(outside, 'catalog-info.yaml')}) lies outside ${rootsRule()}`;
    await registerLocation({ type: 'file', target: path.join(root, 'mixed') });
    expect(await namesOfAll()).toEqual(['own']);
    expect(await errorsOfAll()).toEqual([refusal]);

    await t.db.prisma.location.deleteMany();
    // A glob also walks the linked folder: every file found there is refused.
    await registerLocation({ type: 'file', target: path.join(root, '{mixed,folder-link}/**/catalog-info.yaml') });
    expect(await namesOfAll()).toEqual(['own']);
    expect(await errorsOfAll()).toEqual([
      `${path.join(root, 'folder-link/catalog-info.yaml')} (through a symbolic link it is ${path.join(outside, 'catalog-info.yaml')}) lies outside ${rootsRule()}`,
      refusal,
    ]);
  });

  it('refuses Location targets that leave the roots, at every depth, and ingests the ones inside', async () => {
    await registerLocation({ type: 'file', target: path.join(root, 'leaving/catalog-info.yaml') });
    expect(await namesOfAll()).toEqual(['deeper', 'inner', 'leaving']);
    const errors = await errorsOfAll();
    expect(errors).toContain(`the Location's target ${path.join(outside, 'catalog-info.yaml')} lies outside ${rootsRule()}`);
    expect(errors).toContain(
      `the Location's target ${path.join(root, 'leaving/inner/through-link.yaml')} (through a symbolic link it is ${path.join(outside, 'catalog-info.yaml')}) lies outside ${rootsRule()}`,
    );
    expect(await t.db.prisma.location.count({ where: { target: { startsWith: outside } } })).toBe(0);

    const preview = await previewLocation({ type: 'file', target: path.join(root, 'leaving/catalog-info.yaml') });
    expect(read(preview.entities).sort()).toEqual(['deeper', 'inner', 'leaving']);
    expect(preview.errors.map((e) => e.message)).toContain(
      `the Location's target ${path.join(outside, 'catalog-info.yaml')} lies outside ${rootsRule()}`,
    );
  });

  it('refuses a child location outside the roots on re-ingestion, even if its row was stored before', async () => {
    const { id } = await registerLocation({ type: 'file', target: path.join(root, 'plain/catalog-info.yaml') });
    // As an older version stored it: a child of an API location, pointing outside.
    const child = await t.db.prisma.location.create({
      data: { type: 'file', target: path.join(outside, 'catalog-info.yaml'), origin: 'entity', parentId: id },
    });
    await ingestLocationTree(child.id);
    expect(await namesOfAll()).toEqual(['plain']);
    expect(await errorsOfAll()).toContain(`${path.join(outside, 'catalog-info.yaml')} lies outside ${rootsRule()}`);
  });

  it('refuses $text through a symbolic link or dots to a file outside the roots, and never stores its content', async () => {
    const target = path.join(root, 'subst/catalog-info.yaml');
    const preview = await previewLocation({ type: 'file', target });
    expect(read(preview.entities)).toEqual(['fine']);
    expect(JSON.stringify(preview)).not.toContain(SECRET);
    await registerLocation({ type: 'file', target });
    expect(await namesOfAll()).toEqual(['fine']);
    const errors = await errorsOfAll();
    expect(
      errors.some((m) =>
        m.includes(
          `could not read "./passwd-link" for $text: ${path.join(root, 'subst/passwd-link')} (through a symbolic link it is ${path.join(outside, 'passwd')}) lies outside ${rootsRule()}`,
        ),
      ),
    ).toBe(true);
    expect(
      errors.some((m) =>
        m.includes(`could not read "../../outside/passwd" for $text: ${path.join(outside, 'passwd')} lies outside ${rootsRule()}`),
      ),
    ).toBe(true);
    // A URL is read only through a configured integration or backend.reading.allow; here there is neither.
    expect(
      errors.some((m) =>
        m.includes(
          'https://github.com/acme/orders/blob/main/openapi.yaml: no GitHub integration is configured for host github.com; add one under integrations.github',
        ),
      ),
    ).toBe(true);
    expect(JSON.stringify(await t.db.prisma.entity.findMany())).not.toContain(SECRET);
  });
});

describe('configured locations', () => {
  it('may lie anywhere (the operator chose them), but their $text stays inside their own folder and the roots', async () => {
    const [id] = await syncConfigLocations();
    await ingestLocationTree(id);
    expect(await namesOfAll()).toEqual(['configured', 'configured-api']);
    write(
      path.join(outside, 'configured.yaml'),
      `${component('configured')}---\n${api('configured-api', '../../../../../../etc/hostname')}`,
    );
    await ingestLocationTree(id);
    expect(await errorsOfAll()).toEqual([
      expect.stringContaining(
        `could not read "../../../../../../etc/hostname" for $text: /etc/hostname lies outside the descriptor's folder (${outside}) and catalog.fileLocationRoots (${root})`,
      ),
    ]);
    write(path.join(outside, 'configured.yaml'), `${component('configured')}---\n${api('configured-api', './passwd')}`);
  });
});
