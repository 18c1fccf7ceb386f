import 'server-only';
import path from 'node:path';
import { displayTarget, isUrl } from '@/lib/catalog/model';
import { catalogCache } from '@/lib/catalog';
import { getPrisma } from '@/lib/db/client';
import type { DocsProblem } from './mutations';
import type { NavItem } from './model/nav';
import { fillPageDates } from './model/page-date';
import { pagePathOf } from './model/paths';
import type { TocEntry } from './model/render';
import { TECHDOCS_REF } from './source-of';

// Reads of built docs: the cached pages are served as stored (no compile on a request).

export type DocsSiteView = {
  entityRef: string;
  siteName: string;
  description: string | null;
  source: string;
  sourceType: string;
  sourceKey: string | null;
  nav: NavItem[];
  problems: DocsProblem[];
  repoUrl: string | null;
  editUri: string | null;
  docsDir: string;
  builtAt: Date | null;
  sourceChangedAt: Date | null;
  failure: string | null;
  failedAt: Date | null;
};

export async function getDocsSite(entityRef: string): Promise<DocsSiteView | null> {
  const prisma = await getPrisma();
  const s = await prisma.docsSite.findUnique({ where: { entityRef }, omit: { files: true } });
  if (!s) return null;
  return { ...s, nav: s.nav as unknown as NavItem[], problems: s.problems as unknown as DocsProblem[] };
}

/** A problem of an entity's docs, with the path of its page when it is one page's. */
export type EntityDocsProblem = DocsProblem & { pagePath: string | null };

/**
 * The problems of an entity's last docs build, and why its source could not be read when the last
 * build failed (for the entity's Problems tab; the Docs tab shows each on its page); null before
 * its docs are first built.
 */
export async function getEntityDocsProblems(entityRef: string): Promise<{ problems: EntityDocsProblem[]; failure: string | null } | null> {
  const prisma = await getPrisma();
  const s = await prisma.docsSite.findUnique({ where: { entityRef }, select: { problems: true, failure: true, docsDir: true } });
  if (!s) return null; // not built yet
  const prefix = `${s.docsDir}/`;
  const problems = (s.problems as unknown as DocsProblem[]).map((p) => ({
    ...p,
    pagePath: p.code === 'page-invalid' && p.file.startsWith(prefix) ? pagePathOf(p.file.slice(prefix.length)) : null,
  }));
  return { problems, failure: s.failure };
}

/**
 * Which of these refs are entities in the catalog with a techdocs-ref. A site outlives its entity
 * (its rows stay when the entity is removed or drops the annotation), and its docs must then no
 * longer be served or found: an owner who takes docs off an entity means them gone.
 */
export async function documentedRefs(refs: string[]): Promise<Set<string>> {
  if (!refs.length) return new Set();
  const prisma = await getPrisma();
  // By the body, as the entity's Docs tab decides (a long techdocs-ref has no search row).
  const rows = await prisma.entity.findMany({ where: { ref: { in: refs } }, select: { ref: true, body: true } });
  const documented = (body: unknown) =>
    typeof (body as { metadata?: { annotations?: Record<string, unknown> } }).metadata?.annotations?.[TECHDOCS_REF] === 'string';
  return new Set(rows.filter((r) => documented(r.body)).map((r) => r.ref));
}

export type DocsPageView = {
  path: string;
  file: string;
  title: string;
  html: string;
  toc: TocEntry[];
  error: string | null;
  changedAt: Date | null;
};

export async function getDocsPage(entityRef: string, pagePath: string): Promise<DocsPageView | null> {
  const prisma = await getPrisma();
  const p = await prisma.docsPage.findUnique({
    where: { entityRef_path: { entityRef, path: pagePath } },
    select: { path: true, file: true, title: true, html: true, toc: true, error: true, changedAt: true },
  });
  return p ? { ...p, html: fillPageDates(p.html, p.changedAt), toc: p.toc as unknown as TocEntry[] } : null;
}

export async function getDocsAsset(entityRef: string, assetPath: string) {
  const prisma = await getPrisma();
  return prisma.docsAsset.findUnique({
    where: { entityRef_path: { entityRef, path: assetPath } },
    select: { contentType: true, data: true, sha: true },
  });
}

export type DocumentedEntity = {
  ref: string;
  kind: string;
  name: string;
  title: string | null;
  description: string | null;
  owner: string | null;
  techdocsRef: string;
  /** The docs folder or URL the ref points at, resolved against the descriptor's own location. */
  source: string;
  siteName: string | null;
  builtAt: Date | null;
  sourceChangedAt: Date | null;
  /** When a push changed the docs sources and they have not been rebuilt since (else null). */
  staleSince: Date | null;
  problems: number;
  failure: string | null;
};

/** Resolves a techdocs-ref to the place the docs are read from, for display. */
function resolveDocsSource(techdocsRef: string, sourceFile: string | null): string {
  const [scheme, ...rest] = techdocsRef.split(':');
  const target = rest.join(':');
  if (scheme === 'url') return target;
  if (scheme !== 'dir' || !sourceFile) return techdocsRef;
  if (isUrl(sourceFile)) return new URL(target.endsWith('/') ? target : `${target}/`, sourceFile).toString();
  return displayTarget({ type: 'file', target: path.resolve(path.dirname(sourceFile), target) });
}

/** Every entity with docs, with its build state; filtered by owner and by text (name, title, description). */
export async function listDocumentedEntities(): Promise<DocumentedEntity[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({
    where: { search: { some: { key: `metadata.annotations.${TECHDOCS_REF}` } } },
    select: { ref: true, kind: true, name: true, title: true, owner: true, body: true, sourceFile: true },
    orderBy: [{ name: 'asc' }],
  });
  const refs = rows.map((r) => r.ref);
  const [states, sites] = await Promise.all([
    prisma.docsState.findMany({ where: { entityRef: { in: refs } } }),
    prisma.docsSite.findMany({
      where: { entityRef: { in: refs } },
      select: { entityRef: true, siteName: true, builtAt: true, sourceChangedAt: true, problems: true, failure: true },
    }),
  ]);
  const stale = new Map(states.filter((d) => !d.builtAt || d.builtAt < d.changedAt).map((d) => [d.entityRef, d.changedAt]));
  const siteOf = new Map(sites.map((s) => [s.entityRef, s]));
  return rows.map((r) => {
    const body = r.body as { metadata: { description?: unknown; annotations?: Record<string, string> } };
    const techdocsRef = body.metadata.annotations?.[TECHDOCS_REF] ?? '';
    const site = siteOf.get(r.ref);
    return {
      ref: r.ref,
      kind: r.kind,
      name: r.name,
      title: r.title,
      description: typeof body.metadata.description === 'string' ? body.metadata.description : null,
      owner: r.owner,
      techdocsRef,
      source: resolveDocsSource(techdocsRef, r.sourceFile),
      siteName: site?.siteName ?? null,
      builtAt: site?.builtAt ?? null,
      sourceChangedAt: site?.sourceChangedAt ?? null,
      staleSince: stale.get(r.ref) ?? null,
      problems: Array.isArray(site?.problems) ? site.problems.length : 0,
      failure: site?.failure ?? null,
    };
  });
}

/** The documented entities of one owner and/or containing a text (name, title, description, site name). */
export function filterDocumented(entities: DocumentedEntity[], filter: { owner?: string; q?: string }): DocumentedEntity[] {
  const q = filter.q?.trim().toLowerCase();
  return entities.filter(
    (e) =>
      (!filter.owner || e.owner === filter.owner) &&
      (!q || [e.name, e.title, e.description, e.siteName].some((v) => v?.toLowerCase().includes(q))),
  );
}

export type DocsProblemGroup = {
  entityRef: string;
  siteName: string;
  problems: DocsProblem[];
  failure: string | null;
  failedAt: Date | null;
};

// Read on every home page: kept until the catalog or its docs change (~200 ms at 85,000 sites).
const keptDocsProblemCount = catalogCache<number>('docs-problem-count', { maxEntries: 1 });

/** How many docs problems /problems lists: each build problem, and each site whose source failed. */
export function countDocsProblems(): Promise<number> {
  return keptDocsProblemCount('', async () => {
    const prisma = await getPrisma();
    const [row] = await prisma.$queryRaw<{ n: number }[]>`
      SELECT COALESCE(SUM(jsonb_array_length(s."problems") + (s."failure" IS NOT NULL)::int), 0)::int AS n
        FROM "DocsSite" s JOIN "Entity" e ON e."ref" = s."entityRef"`;
    return row.n;
  });
}

/** Build problems and source failures of every docs site, for /problems. */
export async function listDocsProblems(): Promise<DocsProblemGroup[]> {
  const prisma = await getPrisma();
  const sites = await prisma.docsSite.findMany({
    select: { entityRef: true, siteName: true, problems: true, failure: true, failedAt: true },
    orderBy: { entityRef: 'asc' },
  });
  // Sites of entities that are gone from the catalog are not anyone's problem.
  const live = new Set(
    (await prisma.entity.findMany({ where: { ref: { in: sites.map((s) => s.entityRef) } }, select: { ref: true } })).map((e) => e.ref),
  );
  return sites
    .filter((s) => live.has(s.entityRef))
    .map((s) => ({ ...s, problems: s.problems as unknown as DocsProblem[] }))
    .filter((s) => s.problems.length || s.failure);
}
