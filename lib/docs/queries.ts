import 'server-only';
import path from 'node:path';
import { displayTarget, isUrl } from '@/lib/catalog/model';
import { catalogCache } from '@/lib/catalog';
import { Prisma } from '@/generated/prisma/client';
import { getPrisma } from '@/lib/db/client';
import { pageOf } from '@/lib/http/paging';
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

export const DOCS_PAGE_SIZE = 50;

/** `%text%` for ILIKE, the text's own `%`, `_` and `\` taken literally. */
const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

type DocumentedRow = Omit<DocumentedEntity, 'source' | 'techdocsRef' | 'problems'> & {
  techdocsRef: string | null;
  sourceFile: string | null;
  problems: number | null;
};

// An entity with docs has one search row of this key (its techdocs-ref).
const DOCUMENTED_KEY = `metadata.annotations.${TECHDOCS_REF}`;

// How many entities have docs: kept until the catalog changes.
const keptDocumentedTotal = catalogCache<number>('documented-total', { maxEntries: 1 });

/**
 * One page of the entities with docs (by name), with their build state: those of one owner and/or
 * containing a text (in the ref, title, description, tags, type, owner or system, as the catalog's
 * text filter finds it, or in the site name), and how many there are.
 */
export async function listDocumentedEntities(filter: { owner?: string; q?: string; page?: string | string[] }) {
  const prisma = await getPrisma();
  const documented = Prisma.sql`e."id" IN (SELECT "entityId" FROM "EntitySearch" WHERE "key" = ${DOCUMENTED_KEY})`;
  const pattern = filter.q ? containsPattern(filter.q) : null;
  const where = Prisma.sql`${documented}
    AND (${filter.owner ?? null}::text IS NULL OR e."owner" = ${filter.owner ?? null})
    AND (${pattern}::text IS NULL OR e."searchText" LIKE lower(${pattern}) OR s."siteName" ILIKE ${pattern})`;
  const [all, filtered] = await Promise.all([
    keptDocumentedTotal('', async () => {
      const [{ total }] = await prisma.$queryRaw<{ total: number }[]>`
        SELECT count(*)::int AS "total" FROM "EntitySearch" WHERE "key" = ${DOCUMENTED_KEY}`;
      return total;
    }),
    filter.owner || pattern
      ? prisma.$queryRaw<{ total: number }[]>`
          SELECT count(*)::int AS "total" FROM "Entity" e LEFT JOIN "DocsSite" s ON s."entityRef" = e."ref" WHERE ${where}`
      : null,
  ]);
  const total = filtered?.[0].total ?? all;
  const { page, pages, offset } = pageOf(filter.page, total, DOCS_PAGE_SIZE);
  // The page's rows are chosen first, so that only they are read whole.
  const rows = await prisma.$queryRaw<DocumentedRow[]>`
    WITH page AS (
      SELECT e."id" FROM "Entity" e LEFT JOIN "DocsSite" s ON s."entityRef" = e."ref"
       WHERE ${where} ORDER BY lower(e."name"), e."ref" LIMIT ${DOCS_PAGE_SIZE} OFFSET ${offset})
    SELECT e."ref", e."kind", e."name", e."title", e."owner", e."sourceFile",
           e."body"->'metadata'->>'description' AS "description",
           e."body"->'metadata'->'annotations'->>${TECHDOCS_REF} AS "techdocsRef",
           s."siteName", s."builtAt", s."sourceChangedAt", jsonb_array_length(s."problems")::int AS "problems", s."failure",
           CASE WHEN d."builtAt" IS NULL OR d."builtAt" < d."changedAt" THEN d."changedAt" END AS "staleSince"
      FROM page JOIN "Entity" e ON e."id" = page."id"
      LEFT JOIN "DocsSite" s ON s."entityRef" = e."ref"
      LEFT JOIN "DocsState" d ON d."entityRef" = e."ref"
     ORDER BY lower(e."name"), e."ref"`;
  const entities: DocumentedEntity[] = rows.map(({ sourceFile, techdocsRef, problems, ...r }) => ({
    ...r,
    techdocsRef: techdocsRef ?? '',
    source: resolveDocsSource(techdocsRef ?? '', sourceFile),
    problems: problems ?? 0,
  }));
  return { entities, total, page, pages };
}

export type DocsProblemGroup = {
  entityRef: string;
  siteName: string;
  /** The first SITE_PROBLEMS_SHOWN of its problems. */
  problems: DocsProblem[];
  problemCount: number;
  failure: string | null;
  failedAt: Date | null;
};

// Read on every home page and /problems: kept until the catalog or its docs change (~200 ms at 85,000 sites).
const keptDocsProblemCounts = catalogCache<{ sites: number; problems: number }>('docs-problem-counts', { maxEntries: 1 });

/** How many docs problems /problems lists (each build problem, and each site whose source failed), in how many sites. */
function docsProblemCounts() {
  return keptDocsProblemCounts('', async () => {
    const prisma = await getPrisma();
    const [row] = await prisma.$queryRaw<{ sites: number; problems: number }[]>`
      SELECT count(*)::int AS "sites",
             COALESCE(SUM(jsonb_array_length(s."problems") + (s."failure" IS NOT NULL)::int), 0)::int AS "problems"
        FROM "DocsSite" s JOIN "Entity" e ON e."ref" = s."entityRef"
       WHERE jsonb_array_length(s."problems") > 0 OR s."failure" IS NOT NULL`;
    return row;
  });
}

export const countDocsProblems = async () => (await docsProblemCounts()).problems;

export const DOCS_PROBLEM_SITES_PAGE_SIZE = 20;
/** A site's problems /problems lists; the others are on its entity's Problems tab. */
export const SITE_PROBLEMS_SHOWN = 20;

/**
 * One page of the docs sites with build problems or a failed source (by entity ref), for
 * /problems: each with its first problems and how many it has; how many sites and problems there are.
 */
export async function listDocsProblems(requestedPage?: string | string[]) {
  const prisma = await getPrisma();
  const { sites: total, problems } = await docsProblemCounts();
  const { page, pages, offset } = pageOf(requestedPage, total, DOCS_PROBLEM_SITES_PAGE_SIZE);
  // Sites of entities that are gone from the catalog are not anyone's problem.
  const rows = await prisma.$queryRaw<(Omit<DocsProblemGroup, 'problems'> & { problems: DocsProblem[] | null })[]>`
    SELECT s."entityRef", s."siteName", s."failure", s."failedAt", jsonb_array_length(s."problems")::int AS "problemCount",
           (SELECT jsonb_agg(p ORDER BY i) FROM jsonb_array_elements(s."problems") WITH ORDINALITY AS x(p, i)
             WHERE i <= ${SITE_PROBLEMS_SHOWN}) AS "problems"
      FROM "DocsSite" s JOIN "Entity" e ON e."ref" = s."entityRef"
     WHERE jsonb_array_length(s."problems") > 0 OR s."failure" IS NOT NULL
     ORDER BY s."entityRef" LIMIT ${DOCS_PROBLEM_SITES_PAGE_SIZE} OFFSET ${offset}`;
  const sites: DocsProblemGroup[] = rows.map((r) => ({ ...r, problems: r.problems ?? [] }));
  return { sites, total, problems, page, pages };
}
