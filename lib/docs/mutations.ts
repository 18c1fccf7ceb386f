import 'server-only';
import { createHash } from 'node:crypto';
import { entityHref } from '@/lib/catalog';
import { parseEntityRef } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';
import { Prisma } from '@/generated/prisma/client';
import { getLogger } from '@/lib/observability/logger';
import type { DocsProblem } from './compile-site';
import { contentTypeOf } from './model/content-type';
import { RENDERER_VERSION } from './model/renderer-version';
import { mkdocsFileOf, parseMkdocs } from './model/mkdocs';
import type { LinkBases } from './model/paths';
import { docsSourceOf, TECHDOCS_REF } from './source-of';
import { githubSnapshot } from './github-source';
import { localSnapshot, SourceUnavailableError, type SourceSnapshot } from './local-source';

// Building an entity's docs site: read the source snapshot, compile only the pages whose content
// (or the renderer) changed, copy changed assets, and replace the site's rows in one transaction.
// A source that cannot be read leaves the last good build and records the failure with its time.

export type { DocsProblem };

export type BuildResult =
  { ok: true; compiled: number; unchanged: number; removed: number; problems: number } | { ok: false; message: string };

function docsBases(entityRef: string): LinkBases {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return { pageBase: entityHref(entityRef, '/docs'), assetBase: `/api/docs/${seg(namespace)}/${seg(kind)}/${seg(name)}/assets` };
}

/** What a build reads of an entity (a reconciliation pass loads it for many entities at once). */
export const DOCS_ENTITY_SELECT = {
  ref: true,
  title: true,
  name: true,
  body: true,
  sourceFile: true,
  location: { select: { type: true, target: true } },
} satisfies Prisma.EntitySelect;

export type DocsEntityRow = Prisma.EntityGetPayload<{ select: typeof DOCS_ENTITY_SELECT }>;

function documented(row: DocsEntityRow) {
  const annotations = (row.body as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations ?? {};
  const techdocsRef = annotations[TECHDOCS_REF];
  if (typeof techdocsRef !== 'string') return null;
  return { ...row, techdocsRef };
}

async function loadEntity(entityRef: string) {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref: entityRef }, select: DOCS_ENTITY_SELECT });
  return row && documented(row);
}

/**
 * Local folders read during one pass over many entities: entities whose docs live in one folder
 * (`dir:.` beside one catalog file) list and hash it once per pass, not once each (10,000 such
 * entities took 3 minutes of CPU a pass). A folder snapshot holds hashes and reads files on demand.
 */
export type SnapshotCache = Map<string, Promise<SourceSnapshot>>;

function cached(cache: SnapshotCache | undefined, key: string, read: () => Promise<SourceSnapshot>): Promise<SourceSnapshot> {
  if (!cache) return read();
  let pending = cache.get(key);
  if (!pending) cache.set(key, (pending = read()));
  return pending;
}

/**
 * What a site's build depends on besides its ref: where its sources are, the content of what a
 * build reads of them (`inputsHash`), the entity's title or name (the site name when mkdocs.yml
 * gives none) and the renderer. Two builds with the same key write the same rows.
 */
function buildKeyOf(snapshot: SourceSnapshot, inputs: string, entity: { title: string | null; name: string }): string {
  return createHash('sha1')
    .update(JSON.stringify([snapshot.type, snapshot.source, inputs, entity.title ?? entity.name, RENDERER_VERSION]))
    .digest('hex');
}

// Per snapshot, computed once however many entities share it in a pass (docs_dir comes from the
// snapshot's own mkdocs.yml, so one snapshot has one).
const inputHashes = new WeakMap<SourceSnapshot, string>();

/**
 * The hashes of mkdocs.yml and the files of docs_dir: a change elsewhere in the folder (the catalog
 * file beside the docs, code under `dir:.`) is not one.
 */
function inputsHash(snapshot: SourceSnapshot, docsDir: string): string {
  let hash = inputHashes.get(snapshot);
  if (hash === undefined) {
    const mkdocsFile = mkdocsFileOf(snapshot.files);
    hash = hashFiles(new Map([...snapshot.files].filter(([file]) => file === mkdocsFile || file.startsWith(`${docsDir}/`))));
    inputHashes.set(snapshot, hash);
  }
  return hash;
}

/** inputsHash before compiling (a pass's check): docs_dir read from mkdocs.yml as compileSite reads it. */
async function inputsHashBeforeCompiling(snapshot: SourceSnapshot): Promise<string> {
  const known = inputHashes.get(snapshot);
  if (known !== undefined) return known;
  const mkdocsFile = mkdocsFileOf(snapshot.files);
  const parsed = mkdocsFile ? parseMkdocs((await snapshot.read(mkdocsFile)).toString('utf8')) : null;
  return inputsHash(snapshot, parsed?.ok ? parsed.config.docsDir : 'docs');
}

/** Builds (or incrementally rebuilds) the docs of one entity. */
export async function buildDocs(
  entityRef: string,
  options: { snapshot?: SourceSnapshot; snapshots?: SnapshotCache } = {},
): Promise<BuildResult> {
  const result = await build(entityRef, options);
  if (result === 'current') throw new Error('a build with no built key to compare is never skipped');
  return result;
}

/**
 * A reconciliation pass's build: nothing is read from the database or written when the entity's
 * build key is still `builtKey` (the site's last good build, when no push marked it stale). At
 * 10,000 entities sharing one docs folder a pass took ~65 s of the server's CPU every refresh
 * interval, rewriting identical rows; now it reads the folder once and the entities in pages.
 */
export async function buildDocsUnlessCurrent(
  entity: DocsEntityRow,
  builtKey: string | undefined,
  snapshots: SnapshotCache,
): Promise<BuildResult | 'current'> {
  return build(entity.ref, { snapshots, entity, builtKey });
}

async function build(
  entityRef: string,
  options: { snapshot?: SourceSnapshot; snapshots?: SnapshotCache; entity?: DocsEntityRow; builtKey?: string },
): Promise<BuildResult | 'current'> {
  const started = Date.now();
  const prisma = await getPrisma();
  const entity = options.entity ? documented(options.entity) : await loadEntity(entityRef);
  if (!entity) return { ok: false, message: `${entityRef} has no ${TECHDOCS_REF} annotation` };
  const spec = docsSourceOf({
    techdocsRef: entity.techdocsRef,
    sourceFile: entity.sourceFile,
    locationTarget: entity.location?.target ?? null,
    locationType: entity.location?.type ?? null,
  });

  let snapshot: SourceSnapshot;
  try {
    if (spec.type === 'invalid') throw new SourceUnavailableError(spec.message);
    snapshot =
      options.snapshot ??
      (spec.type === 'file'
        ? await cached(options.snapshots, `file\0${spec.root}\0${spec.allowedRoots.join('\0')}`, () =>
            localSnapshot(spec.root, spec.allowedRoots),
          )
        : await githubSnapshot(spec.url));
  } catch (err) {
    if (!(err instanceof SourceUnavailableError)) throw err;
    const source = spec.type === 'file' ? spec.root : spec.type === 'github' ? spec.url : entity.techdocsRef;
    await prisma.docsSite.upsert({
      where: { entityRef },
      create: {
        entityRef,
        sourceType: spec.type === 'github' ? 'github' : 'file',
        source,
        siteName: entity.title ?? entity.name,
        failure: err.message,
        failedAt: new Date(),
      },
      update: { failure: err.message, failedAt: new Date() },
    });
    getLogger().warn({ entityRef, reason: err.message }, 'docs source unreachable; the last good build stays');
    return { ok: false, message: err.message };
  }

  // A pass compares keys before compiling; other builds take docs_dir from the compiled config
  // (reading mkdocs.yml once: on GitHub each read is a request).
  if (options.builtKey !== undefined && options.builtKey === buildKeyOf(snapshot, await inputsHashBeforeCompiling(snapshot), entity)) {
    return 'current';
  }

  const bases = docsBases(entityRef);
  const existingRows = await prisma.docsPage.findMany({
    where: { entityRef },
    select: { file: true, sourceSha: true, title: true, error: true },
  });
  const existing = new Map(existingRows.map((p) => [p.file, p]));
  const compileStarted = Date.now();
  // Loaded on first use: the MDX and highlighting modules are megabytes a portal without docs never needs.
  const { compileSite } = await import('./compile-site');
  const site = await compileSite(snapshot, bases, existing);
  const compileMs = Date.now() - compileStarted;
  const { config, problems, nav, pageFiles, assetFiles } = site;
  const buildKey = buildKeyOf(snapshot, inputsHash(snapshot, config.docsDir), entity);
  const now = new Date();
  const writes: Prisma.DocsPageCreateManyInput[] = site.compiled.map((p) => ({
    ...p,
    entityRef,
    changedAt: snapshot.mtimes?.get(site.sourcePath(p.file)) ?? now,
  }));
  const unchanged = site.unchanged;

  const keepFiles = new Set(pageFiles);
  const removedPages = [...existing.keys()].filter((f) => !keepFiles.has(f));
  const prevAssets = new Map(
    (await prisma.docsAsset.findMany({ where: { entityRef }, select: { path: true, sha: true } })).map((a) => [a.path, a.sha]),
  );
  const assetWrites: Prisma.DocsAssetCreateInput[] = [];
  for (const file of assetFiles) {
    const sha = snapshot.files.get(site.sourcePath(file))!;
    if (prevAssets.get(file) === sha) continue;
    assetWrites.push({
      entityRef,
      path: file,
      sha,
      contentType: contentTypeOf(file),
      data: new Uint8Array(await snapshot.read(site.sourcePath(file))),
    });
  }
  const removedAssets = [...prevAssets.keys()].filter((p) => !assetFiles.includes(p));

  const files = Object.fromEntries(snapshot.files);
  const sourceKey = hashFiles(snapshot.files);
  const row = {
    sourceType: snapshot.type,
    source: snapshot.source,
    sourceKey,
    buildKey,
    siteName: config.siteName ?? entity.title ?? entity.name,
    description: config.siteDescription,
    nav: nav as unknown as Prisma.InputJsonValue,
    repoUrl: config.repoUrl,
    editUri: config.editUri,
    docsDir: config.docsDir,
    problems: problems as unknown as Prisma.InputJsonValue,
    files,
    builtAt: now,
    failure: null,
    failedAt: null,
  };
  const prevSite = await prisma.docsSite.findUnique({ where: { entityRef }, select: { sourceKey: true, sourceChangedAt: true } });
  const sourceChangedAt = snapshot.changedAt ?? (prevSite?.sourceKey === sourceKey ? prevSite.sourceChangedAt : now);
  const storeStarted = Date.now();
  await prisma.$transaction([
    prisma.docsSite.upsert({ where: { entityRef }, create: { entityRef, ...row, sourceChangedAt }, update: { ...row, sourceChangedAt } }),
    // Set-based: one delete and one insert for all changed pages, whatever their number.
    prisma.docsPage.deleteMany({ where: { entityRef, OR: [{ file: { in: removedPages } }, { path: { in: writes.map((w) => w.path) } }] } }),
    prisma.docsPage.createMany({ data: writes, skipDuplicates: true }),
    ...assetWrites.map((a) => prisma.docsAsset.upsert({ where: { entityRef_path: { entityRef, path: a.path } }, create: a, update: a })),
    prisma.docsAsset.deleteMany({ where: { entityRef, path: { in: removedAssets } } }),
    prisma.docsState.updateMany({ where: { entityRef }, data: { builtAt: now } }),
  ]);
  // A rebuild that changed nothing (most of a reconciliation pass) is not worth an info line each.
  const changed = writes.length + removedPages.length + assetWrites.length + removedAssets.length > 0;
  getLogger()[changed ? 'info' : 'debug'](
    {
      entityRef,
      compiled: writes.length,
      unchanged,
      removed: removedPages.length,
      ms: Date.now() - started,
      compileMs,
      storeMs: Date.now() - storeStarted,
    },
    'docs built',
  );
  return { ok: true, compiled: writes.length, unchanged, removed: removedPages.length, problems: problems.length };
}

function hashFiles(files: Map<string, string>): string {
  // Order-independent digest of (path, content hash) pairs.
  return createHash('sha1')
    .update(
      [...files]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([p, h]) => `${p}\0${h}`)
        .join('\n'),
    )
    .digest('hex');
}
