import 'server-only';
import { createHash } from 'node:crypto';
import { entityHref } from '@/lib/catalog/entity-href';
import { parseEntityRef } from '@/lib/catalog/model/refs';
import { getPrisma } from '@/lib/db/client';
import { Prisma } from '@/generated/prisma/client';
import { getLogger } from '@/lib/observability/logger';
import { contentTypeOf } from './model/content-type';
import { DocsCompileError } from './model/compile-error';
import { parseMkdocs, type MkdocsConfig } from './model/mkdocs';
import { navFromFiles, navFromMkdocs, type NavItem } from './model/nav';
import { isPageFile, pagePathOf, type LinkBases } from './model/paths';
import { RENDERER_VERSION, renderPage } from './model/render';
import { docsSourceOf, TECHDOCS_REF } from './source-of';
import { githubSnapshot, localSnapshot, MAX_PAGE_BYTES, SourceUnavailableError, type SourceSnapshot } from './sources';

// Building an entity's docs site: read the source snapshot, compile only the pages whose content
// (or the renderer) changed, copy changed assets, and replace the site's rows in one transaction.
// A source that cannot be read leaves the last good build and records the failure with its time.

export type DocsProblem = { code: 'no-mkdocs' | 'mkdocs-invalid' | 'no-index' | 'nav-missing' | 'page-invalid' | 'source-invalid'; file: string; line: number; column: number; message: string };

export type BuildResult = { ok: true; compiled: number; unchanged: number; removed: number; problems: number } | { ok: false; message: string };

export function docsBases(entityRef: string): LinkBases {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const seg = (s: string) => encodeURIComponent(s.toLowerCase());
  return { pageBase: entityHref(entityRef, '/docs'), assetBase: `/api/docs/${seg(namespace)}/${seg(kind)}/${seg(name)}/assets` };
}

async function loadEntity(entityRef: string) {
  const prisma = await getPrisma();
  const row = await prisma.entity.findUnique({ where: { ref: entityRef }, select: { ref: true, title: true, name: true, body: true, sourceFile: true, location: { select: { type: true, target: true } } } });
  if (!row) return null;
  const annotations = (row.body as { metadata?: { annotations?: Record<string, string> } }).metadata?.annotations ?? {};
  const techdocsRef = annotations[TECHDOCS_REF];
  if (typeof techdocsRef !== 'string') return null;
  return { ...row, techdocsRef };
}

/** Builds (or incrementally rebuilds) the docs of one entity. */
export async function buildDocs(entityRef: string, options: { snapshot?: SourceSnapshot } = {}): Promise<BuildResult> {
  const started = Date.now();
  const prisma = await getPrisma();
  const entity = await loadEntity(entityRef);
  if (!entity) return { ok: false, message: `${entityRef} has no ${TECHDOCS_REF} annotation` };
  const spec = docsSourceOf({ techdocsRef: entity.techdocsRef, sourceFile: entity.sourceFile, locationTarget: entity.location?.target ?? null, locationType: entity.location?.type ?? null });

  let snapshot: SourceSnapshot;
  try {
    if (spec.type === 'invalid') throw new SourceUnavailableError(spec.message);
    snapshot = options.snapshot ?? (spec.type === 'file' ? await localSnapshot(spec.root, spec.allowedRoots) : await githubSnapshot(spec.url));
  } catch (err) {
    if (!(err instanceof SourceUnavailableError)) throw err;
    const source = spec.type === 'file' ? spec.root : spec.type === 'github' ? spec.url : entity.techdocsRef;
    await prisma.docsSite.upsert({
      where: { entityRef },
      create: { entityRef, sourceType: spec.type === 'github' ? 'github' : 'file', source, siteName: entity.title ?? entity.name, failure: err.message, failedAt: new Date() },
      update: { failure: err.message, failedAt: new Date() },
    });
    getLogger().warn({ entityRef, reason: err.message }, 'docs source unreachable; the last good build stays');
    return { ok: false, message: err.message };
  }

  const problems: DocsProblem[] = [];
  const mkdocsFile = snapshot.files.has('mkdocs.yml') ? 'mkdocs.yml' : snapshot.files.has('mkdocs.yaml') ? 'mkdocs.yaml' : null;
  let config: MkdocsConfig = { siteName: null, siteDescription: null, docsDir: 'docs', repoUrl: null, editUri: null, nav: null, plugins: [] };
  if (!mkdocsFile) {
    problems.push({ code: 'no-mkdocs', file: 'mkdocs.yml', line: 1, column: 1, message: `no mkdocs.yml next to the docs (${snapshot.source}); add one with at least site_name — the pages of docs/ are shown with a navigation from the file tree meanwhile` });
  } else {
    const parsed = parseMkdocs((await snapshot.read(mkdocsFile)).toString('utf8'));
    if (parsed.ok) config = parsed.config;
    else problems.push({ code: 'mkdocs-invalid', file: mkdocsFile, line: parsed.line, column: 1, message: parsed.message });
  }

  const prefix = `${config.docsDir}/`;
  const docsFiles = [...snapshot.files.keys()].filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length));
  const pageFiles = docsFiles.filter((f) => isPageFile(f) && (snapshot.sizes.get(prefix + f) ?? 0) <= MAX_PAGE_BYTES);
  const assetFiles = docsFiles.filter((f) => !isPageFile(f));
  if (!pageFiles.some((f) => /^(index|README)\.(md|mdx|markdown)$/i.test(f))) {
    problems.push({ code: 'no-index', file: `${config.docsDir}/index.md`, line: 1, column: 1, message: `no ${config.docsDir}/index.md: add it — it is the first page of the docs` });
  }

  // Content hash + renderer version: a renderer change rebuilds every page.
  const hashOf = (file: string) => `${snapshot.files.get(prefix + file)}:${RENDERER_VERSION}`;
  const bases = docsBases(entityRef);
  const existing = new Map((await prisma.docsPage.findMany({ where: { entityRef }, select: { path: true, file: true, sourceSha: true, title: true, error: true } })).map((p) => [p.file, p]));
  const titles = new Map<string, string | null>();
  const writes: Prisma.DocsPageCreateInput[] = [];
  const now = new Date();
  let unchanged = 0;
  for (const file of pageFiles) {
    const prev = existing.get(file);
    if (prev && prev.sourceSha === hashOf(file)) {
      unchanged++;
      titles.set(file, prev.error ? null : prev.title);
      if (prev.error) problems.push(pageProblem(prev.error, `${config.docsDir}/${file}`));
      continue;
    }
    const source = (await snapshot.read(prefix + file)).toString('utf8');
    const base = { entityRef, path: pagePathOf(file), file, sourceSha: hashOf(file), changedAt: snapshot.changedAt ?? now };
    try {
      const page = await renderPage({ source, file, bases });
      titles.set(file, page.title);
      const searchText = [page.title ?? '', ...page.sections.map((s) => `${s.heading} ${s.text}`)].join(' ').toLowerCase();
      writes.push({ ...base, title: page.title ?? file, html: page.html, toc: page.toc, sections: page.sections, searchText, error: null });
    } catch (err) {
      if (!(err instanceof DocsCompileError)) throw err;
      const message = `${err.reason} at ${config.docsDir}/${err.file}:${err.line}:${err.column}`;
      titles.set(file, null);
      problems.push({ code: 'page-invalid', file: `${config.docsDir}/${err.file}`, line: err.line, column: err.column, message });
      writes.push({ ...base, title: file, html: '', toc: [], sections: [], searchText: '', error: message });
    }
  }

  let nav: NavItem[];
  if (config.nav) {
    const built = navFromMkdocs(config.nav, new Set(docsFiles), titles);
    nav = built.nav;
    for (const p of built.problems) problems.push({ code: 'nav-missing', file: mkdocsFile ?? 'mkdocs.yml', line: 1, column: 1, message: p.message });
  } else nav = navFromFiles(pageFiles, titles);

  const keepFiles = new Set(pageFiles);
  const removedPages = [...existing.keys()].filter((f) => !keepFiles.has(f));
  const prevAssets = new Map((await prisma.docsAsset.findMany({ where: { entityRef }, select: { path: true, sha: true } })).map((a) => [a.path, a.sha]));
  const assetWrites: Prisma.DocsAssetCreateInput[] = [];
  for (const file of assetFiles) {
    const sha = snapshot.files.get(prefix + file)!;
    if (prevAssets.get(file) === sha) continue;
    assetWrites.push({ entityRef, path: file, sha, contentType: contentTypeOf(file), data: new Uint8Array(await snapshot.read(prefix + file)) });
  }
  const removedAssets = [...prevAssets.keys()].filter((p) => !assetFiles.includes(p));

  const files = Object.fromEntries(snapshot.files);
  const sourceKey = hashFiles(snapshot.files);
  const site = {
    sourceType: snapshot.type,
    source: snapshot.source,
    sourceKey,
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
  await prisma.$transaction([
    prisma.docsSite.upsert({ where: { entityRef }, create: { entityRef, ...site, sourceChangedAt }, update: { ...site, sourceChangedAt } }),
    ...writes.map((w) => prisma.docsPage.upsert({ where: { entityRef_path: { entityRef, path: w.path } }, create: w, update: w })),
    prisma.docsPage.deleteMany({ where: { entityRef, file: { in: removedPages } } }),
    ...assetWrites.map((a) => prisma.docsAsset.upsert({ where: { entityRef_path: { entityRef, path: a.path } }, create: a, update: a })),
    prisma.docsAsset.deleteMany({ where: { entityRef, path: { in: removedAssets } } }),
    prisma.docsState.updateMany({ where: { entityRef }, data: { builtAt: now } }),
  ]);
  getLogger().info({ entityRef, compiled: writes.length, unchanged, removed: removedPages.length, ms: Date.now() - started }, 'docs built');
  return { ok: true, compiled: writes.length, unchanged, removed: removedPages.length, problems: problems.length };
}

function pageProblem(error: string, file: string): DocsProblem {
  const m = /:(\d+):(\d+)$/.exec(error);
  return { code: 'page-invalid', file, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1, message: error };
}

function hashFiles(files: Map<string, string>): string {
  // Order-independent digest of (path, content hash) pairs.
  return createHash('sha1').update([...files].sort(([a], [b]) => a.localeCompare(b)).map(([p, h]) => `${p}\0${h}`).join('\n')).digest('hex');
}
