import 'server-only';
import { createHash } from 'node:crypto';
import { entityHref } from '@/lib/catalog';
import { parseEntityRef } from '@/lib/catalog/model';
import { getDb, getPrisma } from '@/lib/db/client';
import { Prisma } from '@/generated/prisma/client';
import { getLogger } from '@/lib/observability/logger';
import type { DocsProblem, PreviousPage } from './compile-site';
import { contentTypeOf } from './model/content-type';
import { RENDERER_VERSION } from './model/renderer-version';
import { mkdocsFileOf, parseMkdocs } from './model/mkdocs';
import type { LinkBases } from './model/paths';
import { docsSourceOf, TECHDOCS_REF } from './source-of';
import { githubSnapshot } from './github-source';
import { localSnapshot, SourceUnavailableError, type SourceSnapshot } from './local-source';
import { snippetFilesOf } from './model/snippets';

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

/**
 * Render time of the build a docs page's first view waits for (compile-site.ts's site budget is a
 * minute): a large site shows its first pages, and the reconciliation pass builds the rest.
 */
export const FIRST_VIEW_BUDGET_MS = 10_000;

/** Builds (or incrementally rebuilds) the docs of one entity. */
export async function buildDocs(
  entityRef: string,
  options: { snapshot?: SourceSnapshot; snapshots?: SnapshotCache; budgetMs?: number } = {},
): Promise<BuildResult> {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref: entityRef }, select: DOCS_ENTITY_SELECT });
  const [result] = row ? await buildSites([row], options) : [notDocumented(entityRef)];
  if (result === 'current') throw new Error('a build with no built key to compare is never skipped');
  return result;
}

const notDocumented = (entityRef: string): BuildResult => ({ ok: false, message: `${entityRef} has no ${TECHDOCS_REF} annotation` });

/** Sites whose earlier builds are read together and whose new rows are written together. */
const STORE_BATCH = 200;
/** The JSON text of the rows one transaction writes, at most (pages' HTML, assets, file lists): a batch past it is written in parts. */
const STORE_MAX_CHARS = 8 * 1024 * 1024;

type Documented = NonNullable<ReturnType<typeof documented>>;
type Due = { entity: Documented; snapshot: SourceSnapshot };

/**
 * Builds the docs of many entities as buildDocs builds one, reading their earlier builds and
 * writing their rows together: built one by one, a site took a dozen statements, so the first
 * reconciliation pass after a first load of 10,000 documented components kept the server busy for
 * 76 s (7.6 ms a site). An entity whose build key is still its `builtKeys` entry (a pass: the last
 * good build, when no push marked it stale) is 'current': nothing is read or written for it. With
 * `onError`, an entity whose source or compilation throws is reported there and the others are
 * built; without, the error is thrown.
 */
export async function buildSites(
  rows: DocsEntityRow[],
  options: {
    snapshot?: SourceSnapshot;
    snapshots?: SnapshotCache;
    /** Render time each site's build may spend (compile-site.ts's default otherwise). */
    budgetMs?: number;
    builtKeys?: ReadonlyMap<string, string>;
    onError?: (entityRef: string, err: unknown) => void;
  } = {},
): Promise<(BuildResult | 'current')[]> {
  const results = new Map<string, BuildResult | 'current'>();
  const attempt = async (ref: string, fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      if (!options.onError) throw err;
      options.onError(ref, err);
      results.set(ref, { ok: false, message: err instanceof Error ? err.message : String(err) });
    }
  };
  const due: Due[] = [];
  for (const row of rows) {
    await attempt(row.ref, async () => {
      const entity = documented(row);
      if (!entity) return void results.set(row.ref, notDocumented(row.ref));
      const snapshot = await readSource(entity, options);
      if (!('files' in snapshot)) return void results.set(row.ref, snapshot);
      // A pass compares keys before compiling; other builds take docs_dir from the compiled config
      // (reading mkdocs.yml once: on GitHub each read is a request).
      const builtKey = options.builtKeys?.get(row.ref);
      if (builtKey !== undefined && builtKey === buildKeyOf(snapshot, await inputsHashBeforeCompiling(snapshot), entity)) {
        return void results.set(row.ref, 'current');
      }
      due.push({ entity, snapshot });
    });
  }
  for (let i = 0; i < due.length; i += STORE_BATCH) {
    const batch = due.slice(i, i + STORE_BATCH);
    const earlier = await earlierBuilds(batch.map((d) => d.entity.ref));
    let planned: PlannedBuild[] = [];
    let chars = 0;
    for (const d of batch) {
      await attempt(d.entity.ref, async () => {
        const plan = await planBuild(d, earlier, options.budgetMs);
        planned.push(plan);
        chars += plan.chars;
      });
      if (chars >= STORE_MAX_CHARS) {
        await storeEach(planned);
        [planned, chars] = [[], 0];
      }
    }
    await storeEach(planned);
  }
  return rows.map((r) => results.get(r.ref)!);

  async function storeEach(planned: PlannedBuild[]) {
    try {
      await store(planned, results);
    } catch (err) {
      if (planned.length === 1) throw err;
      // A row the database refuses must not cost the other sites their build: each alone, then.
      for (const p of planned) await attempt(p.entityRef, () => store([p], results));
    }
  }
}

/** The entity's source snapshot, or the failure to read it (recorded on its site: the last good build stays). */
async function readSource(
  entity: Documented,
  options: { snapshot?: SourceSnapshot; snapshots?: SnapshotCache },
): Promise<SourceSnapshot | BuildResult> {
  const spec = docsSourceOf({
    techdocsRef: entity.techdocsRef,
    sourceFile: entity.sourceFile,
    locationTarget: entity.location?.target ?? null,
    locationType: entity.location?.type ?? null,
  });
  try {
    if (spec.type === 'invalid') throw new SourceUnavailableError(spec.message);
    return (
      options.snapshot ??
      (spec.type === 'file'
        ? await cached(options.snapshots, `file\0${spec.root}\0${spec.allowedRoots.join('\0')}`, () =>
            localSnapshot(spec.root, spec.allowedRoots),
          )
        : await githubSnapshot(spec.url))
    );
  } catch (err) {
    if (!(err instanceof SourceUnavailableError)) throw err;
    const entityRef = entity.ref;
    const source = spec.type === 'file' ? spec.root : spec.type === 'github' ? spec.url : entity.techdocsRef;
    const prisma = await getPrisma();
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
}

type EarlierBuilds = {
  pages: Map<string, Map<string, PreviousPage>>;
  assets: Map<string, Map<string, string>>;
  sites: Map<string, { sourceKey: string | null; sourceChangedAt: Date | null }>;
};

/** What the last builds of these entities wrote that a rebuild compares with: pages, assets, source key. */
async function earlierBuilds(refs: string[]): Promise<EarlierBuilds> {
  const prisma = await getPrisma();
  const where = { entityRef: { in: refs } };
  const [pages, assets, sites] = await Promise.all([
    prisma.docsPage.findMany({ where, select: { entityRef: true, file: true, sourceSha: true, title: true, error: true } }),
    prisma.docsAsset.findMany({ where, select: { entityRef: true, path: true, sha: true } }),
    prisma.docsSite.findMany({ where, select: { entityRef: true, sourceKey: true, sourceChangedAt: true } }),
  ]);
  const byRef = <T extends { entityRef: string }, V>(list: T[], key: (t: T) => string, value: (t: T) => V) => {
    const out = new Map<string, Map<string, V>>();
    for (const t of list) {
      let m = out.get(t.entityRef);
      if (!m) out.set(t.entityRef, (m = new Map()));
      m.set(key(t), value(t));
    }
    return out;
  };
  return {
    pages: byRef(
      pages,
      (p) => p.file,
      (p) => p,
    ),
    assets: byRef(
      assets,
      (a) => a.path,
      (a) => a.sha,
    ),
    sites: new Map(sites.map((s) => [s.entityRef, s])),
  };
}

/**
 * One site's new rows as the JSON text of their records (written by `store`), with what the build
 * reports. `chars` is their length.
 */
type PlannedBuild = {
  entityRef: string;
  site: string;
  pages: string[];
  /** Pages to delete first: the files that are gone (`f`) and the paths written again (`p`). */
  removedPages: string[];
  assets: string[];
  removedAssets: string[];
  builtAt: Date;
  chars: number;
  result: Extract<BuildResult, { ok: true }>;
  compileMs: number;
};

async function planBuild({ entity, snapshot }: Due, earlier: EarlierBuilds, budgetMs?: number): Promise<PlannedBuild> {
  const started = Date.now();
  const entityRef = entity.ref;
  const existing = earlier.pages.get(entityRef) ?? new Map<string, PreviousPage>();
  // Loaded on first use: the MDX and highlighting modules are megabytes a portal without docs never needs.
  const { compileSite } = await import('./compile-site');
  const site = await compileSite(snapshot, docsBases(entityRef), existing, budgetMs);
  const compileMs = Date.now() - started;
  const { config, problems, nav, pageFiles, assetFiles } = site;
  const now = new Date();

  const keepFiles = new Set(pageFiles);
  const removedPages = [...existing.keys()].filter((f) => !keepFiles.has(f));
  const prevAssets = earlier.assets.get(entityRef) ?? new Map<string, string>();
  const assets: string[] = [];
  for (const file of assetFiles) {
    const sha = snapshot.files.get(site.sourcePath(file))!;
    if (prevAssets.get(file) === sha) continue;
    const data = (await snapshot.read(site.sourcePath(file))).toString('base64');
    assets.push(JSON.stringify({ r: entityRef, p: file, s: sha, t: contentTypeOf(file), d: data }));
  }
  const removedAssets = [...prevAssets.keys()].filter((p) => !assetFiles.includes(p));

  const sourceKey = sourceKeyOf(snapshot);
  const prevSite = earlier.sites.get(entityRef);
  const siteRow = {
    entityRef,
    sourceType: snapshot.type,
    source: snapshot.source,
    sourceKey,
    // No key for a build that left pages for later: the next reconciliation pass builds it again.
    buildKey: site.pending ? null : buildKeyOf(snapshot, inputsHash(snapshot, config.docsDir), entity),
    siteName: config.siteName ?? entity.title ?? entity.name,
    description: config.siteDescription,
    nav,
    repoUrl: config.repoUrl,
    editUri: config.editUri,
    docsDir: config.docsDir,
    problems,
    files: Object.fromEntries(snapshot.files),
    sourceChangedAt: snapshot.changedAt ?? (prevSite?.sourceKey === sourceKey ? prevSite.sourceChangedAt : now),
    builtAt: now,
  };
  const pages = site.compiled.map((p) =>
    JSON.stringify({ ...p, entityRef, changedAt: lastChanged(snapshot, [site.sourcePath(p.file), ...snippetFilesOf(p.sourceSha)]) ?? now }),
  );
  const plan = {
    entityRef,
    site: JSON.stringify(siteRow),
    pages,
    removedPages: [
      ...removedPages.map((f) => JSON.stringify({ r: entityRef, f })),
      ...site.compiled.map((p) => JSON.stringify({ r: entityRef, p: p.path })),
    ],
    assets,
    removedAssets: removedAssets.map((p) => JSON.stringify({ r: entityRef, p })),
    builtAt: now,
    result: {
      ok: true as const,
      compiled: pages.length,
      unchanged: site.unchanged,
      removed: removedPages.length,
      problems: problems.length,
    },
    compileMs,
    chars: 0,
  };
  plan.chars = [plan.site, ...pages, ...assets].reduce((n, s) => n + s.length, 0);
  return plan;
}

/** When the newest of a page's files (it and what its snippets include) changed: local folders only. */
function lastChanged(snapshot: SourceSnapshot, files: string[]): Date | null {
  const times = files.flatMap((f) => snapshot.mtimes?.get(f) ?? []);
  return times.length ? new Date(Math.max(...times.map((t) => t.getTime()))) : null;
}

/** Writes planned builds in one transaction: set-based, a statement per table whatever their number. */
async function store(planned: PlannedBuild[], results: Map<string, BuildResult | 'current'>): Promise<void> {
  if (planned.length === 0) return;
  const started = Date.now();
  const list = (items: string[]) => `[${items.join(',')}]`;
  const all = (pick: (p: PlannedBuild) => string[]) => planned.flatMap(pick);
  const { driver } = await getDb();
  await driver.transaction(async (query) => {
    await query(
      `INSERT INTO "DocsSite" ("entityRef","sourceType","source","sourceKey","buildKey","siteName","description","nav","repoUrl","editUri","docsDir","problems","files","sourceChangedAt","builtAt","failure","failedAt")
       SELECT x."entityRef", x."sourceType", x."source", x."sourceKey", x."buildKey", x."siteName", x."description", x."nav", x."repoUrl", x."editUri",
              x."docsDir", x."problems", x."files", x."sourceChangedAt", x."builtAt", NULL, NULL
       FROM json_to_recordset($1::json) AS x("entityRef" text, "sourceType" text, "source" text, "sourceKey" text, "buildKey" text, "siteName" text,
            "description" text, "nav" jsonb, "repoUrl" text, "editUri" text, "docsDir" text, "problems" jsonb, "files" jsonb,
            "sourceChangedAt" timestamp(3), "builtAt" timestamp(3))
       ON CONFLICT ("entityRef") DO UPDATE SET
         "sourceType" = EXCLUDED."sourceType", "source" = EXCLUDED."source", "sourceKey" = EXCLUDED."sourceKey", "buildKey" = EXCLUDED."buildKey",
         "siteName" = EXCLUDED."siteName", "description" = EXCLUDED."description", "nav" = EXCLUDED."nav", "repoUrl" = EXCLUDED."repoUrl",
         "editUri" = EXCLUDED."editUri", "docsDir" = EXCLUDED."docsDir", "problems" = EXCLUDED."problems", "files" = EXCLUDED."files",
         "sourceChangedAt" = EXCLUDED."sourceChangedAt", "builtAt" = EXCLUDED."builtAt", "failure" = NULL, "failedAt" = NULL`,
      [list(planned.map((p) => p.site))],
    );
    const removedPages = all((p) => p.removedPages);
    if (removedPages.length) {
      await query(
        `DELETE FROM "DocsPage" d USING json_to_recordset($1::json) AS x(r text, f text, p text)
         WHERE d."entityRef" = x.r AND (d."file" = x.f OR d."path" = x.p)`,
        [list(removedPages)],
      );
    }
    const pages = all((p) => p.pages);
    if (pages.length) {
      await query(
        `INSERT INTO "DocsPage" ("entityRef","path","file","sourceSha","title","html","toc","sections","searchText","error","changedAt")
         SELECT x."entityRef", x."path", x."file", x."sourceSha", x."title", x."html", x."toc", x."sections", x."searchText", x."error", x."changedAt"
         FROM json_to_recordset($1::json) AS x("entityRef" text, "path" text, "file" text, "sourceSha" text, "title" text, "html" text,
              "toc" jsonb, "sections" jsonb, "searchText" text, "error" text, "changedAt" timestamp(3))
         ON CONFLICT DO NOTHING`,
        [list(pages)],
      );
    }
    const assets = all((p) => p.assets);
    if (assets.length) {
      await query(
        `INSERT INTO "DocsAsset" ("entityRef","path","sha","contentType","data")
         SELECT x.r, x.p, x.s, x.t, decode(x.d, 'base64') FROM json_to_recordset($1::json) AS x(r text, p text, s text, t text, d text)
         ON CONFLICT ("entityRef","path") DO UPDATE SET "sha" = EXCLUDED."sha", "contentType" = EXCLUDED."contentType", "data" = EXCLUDED."data"`,
        [list(assets)],
      );
    }
    const removedAssets = all((p) => p.removedAssets);
    if (removedAssets.length) {
      await query(
        `DELETE FROM "DocsAsset" a USING json_to_recordset($1::json) AS x(r text, p text) WHERE a."entityRef" = x.r AND a."path" = x.p`,
        [list(removedAssets)],
      );
    }
    await query(
      `UPDATE "DocsState" s SET "builtAt" = x.b FROM json_to_recordset($1::json) AS x(r text, b timestamp(3)) WHERE s."entityRef" = x.r`,
      [JSON.stringify(planned.map((p) => ({ r: p.entityRef, b: p.builtAt })))],
    );
  });
  const storeMs = Date.now() - started;
  for (const p of planned) {
    results.set(p.entityRef, p.result);
    // A rebuild that changed nothing (most of a reconciliation pass) is not worth an info line each.
    const changed = p.pages.length + p.removedPages.length + p.assets.length + p.removedAssets.length > 0;
    const { compiled, unchanged, removed } = p.result;
    getLogger()[changed ? 'info' : 'debug'](
      { entityRef: p.entityRef, compiled, unchanged, removed, compileMs: p.compileMs, storeMs, sites: planned.length },
      'docs built',
    );
  }
}

// Per snapshot, computed once however many entities share it in a pass.
const sourceKeys = new WeakMap<SourceSnapshot, string>();

/** A hash of every file's hash: the source key of a local folder's build. */
function sourceKeyOf(snapshot: SourceSnapshot): string {
  let key = sourceKeys.get(snapshot);
  if (key === undefined) sourceKeys.set(snapshot, (key = hashFiles(snapshot.files)));
  return key;
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
