import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ingestLocationTree, registerLocation } from '@/lib/catalog';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import * as pageRoute from '@/app/api/docs/[namespace]/[kind]/[name]/page/[[...path]]/route';
import * as siteRoute from '@/app/api/docs/[namespace]/[kind]/[name]/route';
import { docsAssetResponse, docsPageResponse, docsSiteResponse } from './api';
import { reconcileDocsJob } from './jobs';
import { buildDocs, type SnapshotCache } from './mutations';
import { getDocsAsset, getDocsPage, getDocsSite, getEntityDocsProblems, listDocsProblems } from './queries';
import { searchDocs } from '@/lib/search';

// A site's time budget, when a test sets one (compile-site.ts's is a minute).
const budget = vi.hoisted(() => ({ ms: undefined as number | undefined }));
vi.mock('./compile-site', async (importOriginal) => {
  const actual = await importOriginal<typeof import('./compile-site')>();
  return {
    ...actual,
    compileSite: (...args: Parameters<typeof actual.compileSite>) => actual.compileSite(args[0], args[1], args[2], budget.ms ?? args[3]),
  };
});
afterEach(() => void (budget.ms = undefined));

const t = useTestDb();
const READ_TOKEN = 'svc-docs-reader-0123456789abcdef';
const config = useTestConfig(
  'docs-build',
  `catalog:\n  rules:\n    - allow: [Component]\n  fileLocationRoots: [.]\nauth:\n  serviceTokens:\n    - { name: reader, token: ${READ_TOKEN}, scope: read }\n`,
);

const REF = 'component:default/orders';

/** A component descriptor documented at `techdocsRef` (beside it by default). */
const componentYaml = (name: string, techdocsRef = 'dir:.') =>
  `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations:\n    backstage.io/techdocs-ref: ${techdocsRef}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

function write(rel: string, text: string | Buffer) {
  const file = path.join(config.dir, 'orders', rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

async function register() {
  const descriptor = write('catalog-info.yaml', componentYaml('orders'));
  await registerLocation({ type: 'file', target: descriptor });
}

beforeEach(async () => {
  fs.rmSync(path.join(config.dir, 'orders'), { recursive: true, force: true });
  await t.db.prisma.location.deleteMany();
  await t.db.prisma.entity.deleteMany();
  await t.db.prisma.docsSite.deleteMany();
  await t.db.prisma.docsPage.deleteMany();
  await t.db.prisma.docsAsset.deleteMany();
  await t.db.prisma.docsState.deleteMany();
});

describe('building docs from a local folder', () => {
  it('renders the site with its nav, rebuilds only the changed page, and serves images from the build', async () => {
    write(
      'mkdocs.yml',
      'site_name: Orders handbook\nnav:\n  - Home: index.md\n  - Guides:\n      - Runbook: guides/runbook.md\n      - Missing: guides/gone.md\n  - GitHub: https://github.com/acme/orders\nplugins:\n  - techdocs-core\n',
    );
    write('docs/index.md', '# Orders\n\nSee the [runbook](guides/runbook.md#rotate-the-db-password).\n\n![arch](img/arch.png)\n');
    write(
      'docs/guides/runbook.md',
      '# Runbook\n\n## Rotate the DB password\n\nHow do I rotate the order-service DB password? Use the vault CLI.\n',
    );
    write('docs/img/arch.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await register();

    expect(await buildDocs(REF)).toMatchObject({ ok: true, compiled: 2, unchanged: 0 });
    const site = await getDocsSite(REF);
    expect(site?.siteName).toBe('Orders handbook');
    expect(site?.nav).toEqual([
      { kind: 'page', title: 'Home', path: '', file: 'index.md' },
      {
        kind: 'section',
        title: 'Guides',
        children: [
          { kind: 'page', title: 'Runbook', path: 'guides/runbook', file: 'guides/runbook.md' },
          { kind: 'page', title: 'Missing', path: 'guides/gone', file: 'guides/gone.md', missing: true },
        ],
      },
      { kind: 'link', title: 'GitHub', url: 'https://github.com/acme/orders' },
    ]);
    expect(site?.problems).toEqual([expect.objectContaining({ code: 'nav-missing', message: expect.stringContaining('guides/gone.md') })]);
    const index = await getDocsPage(REF, '');
    expect(index?.html).toContain('href="/catalog/component/default/orders/docs/guides/runbook#rotate-the-db-password"');
    expect(index?.html).toContain('src="/api/docs/default/component/orders/assets/img/arch.png"');

    const asset = await docsAssetResponse({ namespace: 'default', kind: 'component', name: 'orders' }, ['img', 'arch.png']);
    expect(asset.headers.get('content-type')).toBe('image/png');
    expect(asset.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');

    const [hit] = (await searchDocs('rotate the order-service DB password')).hits;
    expect(hit).toMatchObject({ pagePath: 'guides/runbook', anchor: 'rotate-the-db-password' });

    write(
      'docs/guides/runbook.md',
      '# Runbook\n\nLast updated: **{{ git_revision_date_localized }}**\n\n## Rotate the DB password\n\nNow with the new tool.\n',
    );
    const runbook = path.join(config.dir, 'orders', 'docs/guides/runbook.md');
    fs.utimesSync(runbook, new Date('2026-11-30T08:00:00Z'), new Date('2026-11-30T08:00:00Z'));
    expect(await buildDocs(REF)).toMatchObject({ ok: true, compiled: 1, unchanged: 1 });
    const rebuilt = await getDocsPage(REF, 'guides/runbook');
    expect(rebuilt?.html).toContain('Now with the new tool.');
    // Each page shows when its own source last changed, also where the page asks for it as the
    // git-revision-date-localized plugin's tag.
    expect(rebuilt?.changedAt).toEqual(new Date('2026-11-30T08:00:00Z'));
    expect(rebuilt?.html).toContain(
      'Last updated: <strong><time class="wf-page-changed" datetime="2026-11-30T08:00:00.000Z">November 30, 2026</time></strong>',
    );
  });

  it('reports a missing mkdocs.yml and index page, and invalid MDX with file:line:column, while the rest renders', async () => {
    write('docs/setup.md', '# Setup\n\nFine.\n');
    write('docs/bad.mdx', '# Bad\n\nexport const x = 1\n');
    await register();
    expect(await getEntityDocsProblems(REF)).toBeNull(); // not built yet
    await buildDocs(REF);
    const site = await getDocsSite(REF);
    expect(site?.problems.map((p) => p.code).sort()).toEqual(['no-index', 'no-mkdocs', 'page-invalid']);
    expect(site?.problems.find((p) => p.code === 'page-invalid')?.message).toMatch(
      /import\/export statements are not allowed .* at docs\/bad\.mdx:3:1$/,
    );
    expect((await getDocsPage(REF, 'setup'))?.html).toContain('Fine.');
    const page = await docsPageResponse({ namespace: 'default', kind: 'component', name: 'orders' }, ['setup']);
    expect(await page.json()).toMatchObject({ title: 'Setup', error: null });
    expect((await listDocsProblems()).sites[0]).toMatchObject({ problemCount: 3, problems: [{}, {}, {}] });
    // The entity's Problems tab: each problem, the page's path for a page's own.
    const forEntity = await getEntityDocsProblems(REF);
    expect(forEntity?.failure).toBeNull();
    expect(forEntity?.problems.map((p) => [p.code, p.file, p.pagePath]).sort()).toEqual([
      ['no-index', 'docs/index.md', null],
      ['no-mkdocs', 'mkdocs.yml', null],
      ['page-invalid', 'docs/bad.mdx', 'bad'],
    ]);
  });

  it('keeps the last good build with a notice when the source disappears', async () => {
    write('mkdocs.yml', 'site_name: Orders\n');
    write('docs/index.md', '# Orders\n\nHello.\n');
    await register();
    await buildDocs(REF);
    fs.rmSync(path.join(config.dir, 'orders', 'docs'), { recursive: true });
    fs.rmSync(path.join(config.dir, 'orders', 'mkdocs.yml'));
    fs.renameSync(path.join(config.dir, 'orders'), path.join(config.dir, 'orders-moved'));
    try {
      expect(await buildDocs(REF)).toMatchObject({ ok: false, message: expect.stringContaining('does not exist') });
      const site = await getDocsSite(REF);
      expect(site?.failure).toContain('does not exist');
      expect(site?.failedAt).toBeInstanceOf(Date);
      expect((await getDocsPage(REF, ''))?.html).toContain('Hello.');
    } finally {
      fs.rmSync(path.join(config.dir, 'orders-moved'), { recursive: true, force: true });
    }
  });

  it('serves the read API to a bearer token, and refuses anonymous callers and paths out of the docs', async () => {
    write('mkdocs.yml', 'site_name: Orders\nnav:\n  - Home: index.md\n');
    write('docs/index.md', '# Orders\n\n## Deploying\n\nShip it.\n');
    await register();
    await buildDocs(REF);
    const params = { namespace: 'default', kind: 'component', name: 'orders' };
    const get = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });
    const auth = { authorization: `Bearer ${READ_TOKEN}` };

    const site = await siteRoute.GET(get('/api/docs/default/component/orders', auth), { params: Promise.resolve(params) });
    expect(site.status).toBe(200);
    expect(await site.json()).toMatchObject({
      entityRef: REF,
      name: 'Orders',
      nav: [{ kind: 'page', title: 'Home', path: '' }],
      source: { type: 'file' },
      problems: [],
    });

    const page = await pageRoute.GET(get('/api/docs/default/component/orders/page', auth), { params: Promise.resolve(params) });
    expect(await page.json()).toMatchObject({
      title: 'Orders',
      toc: [{ depth: 2, id: 'deploying', text: 'Deploying' }],
      html: expect.stringContaining('Ship it.'),
    });

    expect((await siteRoute.GET(get('/api/docs/default/component/orders'), { params: Promise.resolve(params) })).status).toBe(401);
    expect(
      (
        await pageRoute.GET(get('/api/docs/default/component/orders/page/nope', auth), {
          params: Promise.resolve({ ...params, path: ['nope'] }),
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await pageRoute.GET(get('/api/docs/default/component/orders/page/../x', auth), {
          params: Promise.resolve({ ...params, path: ['..', '..', 'x'] }),
        })
      ).status,
    ).toBe(400);
  });

  it('serves no docs, pages, files or search hits of an entity that left the catalog or dropped its techdocs-ref', async () => {
    write('mkdocs.yml', 'site_name: Orders\n');
    write('docs/index.md', '# Orders\n\nThe vault rotation secret procedure.\n');
    write('docs/img/arch.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    await register();
    await buildDocs(REF);
    const params = { namespace: 'default', kind: 'component', name: 'orders' };
    const served = async () => ({
      site: await docsSiteResponse(params).then(
        (r) => r.status,
        (e: { code?: string }) => e.code,
      ),
      page: await docsPageResponse(params, []).then(
        (r) => r.status,
        (e: { code?: string }) => e.code,
      ),
      asset: await docsAssetResponse(params, ['img', 'arch.png']).then(
        (r) => r.status,
        (e: { code?: string }) => e.code,
      ),
      hits: (await searchDocs('vault rotation secret')).hits.map((h) => h.entityRef),
    });
    expect(await served()).toEqual({ site: 200, page: 200, asset: 200, hits: [REF] });

    // The owner takes the docs off the entity (say, they said too much)...
    const [loc] = await t.db.prisma.location.findMany();
    const descriptor = write('catalog-info.yaml', componentYaml('orders').replace(/  annotations:\n.*\n/, ''));
    await ingestLocationTree(loc.id);
    const { body } = await t.db.prisma.entity.findUniqueOrThrow({ where: { ref: REF } });
    expect((body as { metadata: { annotations: object } }).metadata.annotations).not.toHaveProperty(['backstage.io/techdocs-ref']);
    expect(await served()).toEqual({ site: 'NOT_FOUND', page: 'NOT_FOUND', asset: 'NOT_FOUND', hits: [] });

    // ...or the entity leaves the catalog.
    fs.writeFileSync(descriptor, componentYaml('orders'));
    await ingestLocationTree(loc.id);
    expect((await served()).hits).toEqual([REF]);
    await t.db.prisma.entity.deleteMany({ where: { ref: REF } });
    expect(await served()).toEqual({ site: 'NOT_FOUND', page: 'NOT_FOUND', asset: 'NOT_FOUND', hits: [] });
  });

  // A reconciliation pass over many entities documented in one folder reads that folder once.
  it('builds every entity of a shared folder from one snapshot in a reconciliation pass', async () => {
    write('docs/index.md', '# Shared handbook\n');
    const descriptor = write('catalog-info.yaml', ['orders', 'billing', 'ledger'].map((name) => componentYaml(name)).join('---\n'));
    await registerLocation({ type: 'file', target: descriptor });
    const snapshots: SnapshotCache = new Map();
    for (const name of ['orders', 'billing', 'ledger']) {
      expect(await buildDocs(`component:default/${name}`, { snapshots })).toMatchObject({ ok: true, compiled: 1 });
    }
    expect(snapshots.size).toBe(1);
    for (const name of ['orders', 'billing', 'ledger']) {
      expect((await getDocsPage(`component:default/${name}`, ''))?.title).toBe('Shared handbook');
    }
  });

  it('rebuilds in a reconciliation pass only the sites whose sources, name or push state changed', async () => {
    write('docs/index.md', '# Shared handbook\n');
    const descriptor = write('catalog-info.yaml', ['orders', 'billing'].map((name) => componentYaml(name)).join('---\n'));
    const { id } = await registerLocation({ type: 'file', target: descriptor });
    const builtAt = async () =>
      Object.fromEntries(
        (await t.db.prisma.docsSite.findMany({ select: { entityRef: true, builtAt: true } })).map((s) => [
          s.entityRef,
          s.builtAt!.getTime(),
        ]),
      );

    await reconcileDocsJob.run({});
    const first = await builtAt();
    expect(Object.keys(first).sort()).toEqual(['component:default/billing', 'component:default/orders']);

    // Nothing changed: nothing is rebuilt.
    await reconcileDocsJob.run({});
    expect(await builtAt()).toEqual(first);

    // A push marked one stale: that one is rebuilt.
    await t.db.prisma.docsState.create({ data: { entityRef: 'component:default/billing', changedAt: new Date(Date.now() + 1) } });
    await new Promise((r) => setTimeout(r, 5));
    await reconcileDocsJob.run({});
    const second = await builtAt();
    expect(second['component:default/orders']).toBe(first['component:default/orders']);
    expect(second['component:default/billing']).toBeGreaterThan(first['component:default/billing']);

    // The shared folder changed: both are rebuilt, with the new page.
    write('docs/index.md', '# Handbook, second edition\n');
    await reconcileDocsJob.run({});
    const third = await builtAt();
    for (const ref of ['component:default/orders', 'component:default/billing']) {
      expect(third[ref]).toBeGreaterThan(second[ref]);
      expect((await getDocsPage(ref, ''))?.title).toBe('Handbook, second edition');
    }

    // A title (the site name without mkdocs.yml) changed: that site is rebuilt with it.
    fs.writeFileSync(descriptor, fs.readFileSync(descriptor, 'utf8').replace('name: orders\n', 'name: orders\n  title: Orders service\n'));
    await ingestLocationTree(id);
    await reconcileDocsJob.run({});
    const fourth = await builtAt();
    expect(fourth['component:default/billing']).toBe(third['component:default/billing']);
    expect((await getDocsSite(REF))?.siteName).toBe('Orders service');
  });

  it('builds a site that spends its time budget a part at a time, one reconciliation pass after another', async () => {
    write('mkdocs.yml', 'site_name: Orders\n');
    write('docs/index.md', '# Orders\n');
    write('docs/api.md', '# API\n');
    write('docs/runbook.md', '# Runbook\n');
    await register();
    budget.ms = 0;
    const pass = async () => {
      await reconcileDocsJob.run({});
      const site = await t.db.prisma.docsSite.findUniqueOrThrow({ where: { entityRef: REF } });
      const pages = await t.db.prisma.docsPage.findMany({ where: { entityRef: REF }, select: { file: true } });
      const incomplete = (site.problems as { code: string; message: string }[]).filter((p) => p.code === 'site-incomplete');
      return {
        pages: pages.map((p) => p.file).sort(),
        incomplete: incomplete.map((p) => p.message.split(':')[0]),
        keyed: site.buildKey !== null,
        builtAt: site.builtAt,
      };
    };
    expect(await pass()).toMatchObject({ pages: [expect.any(String)], incomplete: ['2 changed pages are not built yet'], keyed: false });
    expect(await pass()).toMatchObject({
      pages: [expect.any(String), expect.any(String)],
      incomplete: ['1 changed page is not built yet'],
      keyed: false,
    });
    const done = await pass();
    expect(done).toMatchObject({ pages: ['api.md', 'index.md', 'runbook.md'], incomplete: [], keyed: true });
    // Complete: the next pass finds it current.
    expect((await pass()).builtAt).toEqual(done.builtAt);
    expect((await getEntityDocsProblems(REF))?.problems).toEqual([]);
  });

  it("builds within the budget a caller gives (a docs page's first view gives less than a minute)", async () => {
    write('mkdocs.yml', 'site_name: Orders\n');
    for (const name of ['index', 'api', 'runbook']) write(`docs/${name}.md`, `# ${name}\n`);
    await register();
    expect(await buildDocs(REF, { budgetMs: 0 })).toMatchObject({ ok: true, compiled: 1 });
    expect(await t.db.prisma.docsSite.findUniqueOrThrow({ where: { entityRef: REF } })).toMatchObject({ buildKey: null });
    expect(await buildDocs(REF)).toMatchObject({ ok: true, compiled: 2, unchanged: 1 });
  });

  it('dates a page by the newest of its files, what its snippets include too', async () => {
    write('mkdocs.yml', 'site_name: Orders\n');
    write('docs/index.md', '# Orders\n');
    const page = write('docs/changes.md', '# Changes\n\n--8<-- "CHANGELOG.md"\n');
    const changelog = write('CHANGELOG.md', '## 1.0.0\n');
    fs.utimesSync(page, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
    fs.utimesSync(changelog, new Date('2026-11-30T12:00:00Z'), new Date('2026-11-30T12:00:00Z'));
    await register();
    await buildDocs(REF);
    const built = await getDocsPage(REF, 'changes');
    expect(built?.html).toContain('1.0.0');
    expect(built?.changedAt).toEqual(new Date('2026-11-30T12:00:00Z'));
  });

  // A pass reads and writes its sites together: each site's changes must land on that site alone.
  it('rebuilds many sites in one pass, each with its own removed and changed pages and assets', async () => {
    const names = ['orders', 'billing', 'ledger'];
    const file = (name: string, rel: string) => path.join(config.dir, 'sites', name, rel);
    const put = (name: string, rel: string, text: string | Buffer) => {
      fs.mkdirSync(path.dirname(file(name, rel)), { recursive: true });
      fs.writeFileSync(file(name, rel), text);
    };
    fs.rmSync(path.join(config.dir, 'sites'), { recursive: true, force: true });
    for (const name of names) {
      put(name, 'docs/index.md', `# ${name} home\n`);
      put(name, 'docs/guide.md', `# ${name} guide\n`);
      put(name, 'docs/img/logo.png', Buffer.from(`png of ${name}`));
      put(name, 'catalog-info.yaml', componentYaml(name));
    }
    put('gone', 'catalog-info.yaml', componentYaml('gone'));
    for (const name of [...names, 'gone']) await registerLocation({ type: 'file', target: file(name, 'catalog-info.yaml') });
    fs.rmSync(path.join(config.dir, 'sites', 'gone'), { recursive: true });

    const pages = async (name: string) =>
      (await t.db.prisma.docsPage.findMany({ where: { entityRef: `component:default/${name}` }, orderBy: { path: 'asc' } })).map(
        (p) => `${p.path}: ${p.title}`,
      );
    const logo = async (name: string) => {
      const asset = await getDocsAsset(`component:default/${name}`, 'img/logo.png');
      return asset && Buffer.from(asset.data).toString();
    };

    await reconcileDocsJob.run({});
    for (const name of names) {
      expect(await pages(name)).toEqual([`: ${name} home`, `guide: ${name} guide`]);
      expect(await logo(name)).toBe(`png of ${name}`);
    }
    expect((await getDocsSite('component:default/gone'))?.failure).toContain('does not exist');

    // orders loses its guide and logo, billing's guide and logo change, ledger stays as it is.
    fs.rmSync(file('orders', 'docs/guide.md'));
    fs.rmSync(file('orders', 'docs/img/logo.png'));
    put('billing', 'docs/guide.md', '# billing guide, revised\n');
    put('billing', 'docs/img/logo.png', Buffer.from('new png of billing'));
    const ledgerBuilt = (await getDocsSite('component:default/ledger'))?.builtAt;
    await reconcileDocsJob.run({});
    expect(await pages('orders')).toEqual([': orders home']);
    expect(await logo('orders')).toBeNull();
    expect(await pages('billing')).toEqual([': billing home', 'guide: billing guide, revised']);
    expect(await logo('billing')).toBe('new png of billing');
    expect(await pages('ledger')).toEqual([': ledger home', 'guide: ledger guide']);
    expect(await logo('ledger')).toBe('png of ledger');
    expect((await getDocsSite('component:default/ledger'))?.builtAt).toEqual(ledgerBuilt);
    expect((await getDocsSite('component:default/billing'))?.nav).toEqual([
      { kind: 'page', title: 'billing home', path: '', file: 'index.md' },
      { kind: 'page', title: 'billing guide, revised', path: 'guide', file: 'guide.md' },
    ]);
  });

  it("builds the other sites of a pass when the database refuses one site's rows", async () => {
    write('docs/index.md', '# Shared handbook\n');
    write('catalog-info.yaml', ['orders', 'billing', 'ledger'].map((name) => componentYaml(name)).join('---\n'));
    await registerLocation({ type: 'file', target: path.join(config.dir, 'orders', 'catalog-info.yaml') });
    // A trigger stands in for a row PostgreSQL rejects (say, text it cannot store).
    await t.db.prisma.$executeRawUnsafe(`CREATE FUNCTION refuse_billing() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW."entityRef" = 'component:default/billing' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$`);
    await t.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER refuse_billing BEFORE INSERT ON "DocsPage" FOR EACH ROW EXECUTE FUNCTION refuse_billing()`,
    );
    try {
      await reconcileDocsJob.run({});
    } finally {
      await t.db.prisma.$executeRawUnsafe('DROP TRIGGER refuse_billing ON "DocsPage"');
      await t.db.prisma.$executeRawUnsafe('DROP FUNCTION refuse_billing()');
    }
    expect((await getDocsPage('component:default/orders', ''))?.title).toBe('Shared handbook');
    expect((await getDocsPage('component:default/ledger', ''))?.title).toBe('Shared handbook');
    expect(await getDocsSite('component:default/billing')).toBeNull();
    // The next pass builds it.
    await reconcileDocsJob.run({});
    expect((await getDocsPage('component:default/billing', ''))?.title).toBe('Shared handbook');
  });

  it('refuses a docs folder outside the allowed roots', async () => {
    write('mkdocs.yml', 'site_name: Orders\n');
    const descriptor = write('catalog-info.yaml', componentYaml('orders', 'dir:../../../../etc'));
    await registerLocation({ type: 'file', target: descriptor });
    expect(await buildDocs(REF)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/outside the folders the catalog may read|does not exist/),
    });
  });
});
