import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { catalogCache, summarizeRefs } from '@/lib/catalog';
import type { EntitySummary } from '@/lib/catalog/model';
import { TECHDOCS_REF, type PageSection } from '@/lib/docs';
import { getDb, getPrisma } from '@/lib/db/client';
import { likeEscape, searchWords, type FacetCount, type SearchFilters } from './model/search-query';

// Search across domains: catalog entities (by the words of the query in their name, title,
// description, tags, type, owner and system) and docs pages (to the heading), ranked by where the
// words are; and close matches for a ref that is not in the catalog.

export type EntityHit = Pick<EntitySummary, 'ref' | 'kind' | 'name' | 'title' | 'description' | 'owner' | 'type' | 'lifecycle'> & {
  tags: string[];
};
export type SearchFacets = { kind: FacetCount[]; lifecycle: FacetCount[] };
export type EntitySearch = { hits: EntityHit[]; total: number; facets: SearchFacets };

export type DocsSearchHit = {
  entityRef: string;
  siteName: string;
  pagePath: string;
  pageTitle: string;
  anchor: string | null;
  heading: string;
  snippet: string;
  /** The documented entity's. */
  lifecycle: string | null;
  owner: string | null;
};
export type DocsSearch = { hits: DocsSearchHit[]; total: number; facets: SearchFacets };

type Window = { offset: number; limit: number };

/**
 * Answers kept until the catalog or its docs change (catalogCache: the next commit that writes
 * entities, relations, search rows, processing errors, docs pages or sites; a minute at most). The
 * same words come again and again, an answer is the same for every reader, and computing one reads
 * and ranks every match: a common word costs ~30 ms of PostgreSQL's time at 100,000 components
 * before ranking. Keyed by the query's words (not its text: case and spacing do not change the
 * answer), filters and window; 500 answers of each type (a page of 20 entities is ~13 KB).
 */
const keptEntitySearches = catalogCache<EntitySearch>('search-entities', { maxEntries: 500 });
const keptDocsSearches = catalogCache<DocsSearch>('search-docs', { maxEntries: 500 });
const keyOf = (words: string[], filters: SearchFilters, window: Window) => JSON.stringify([words, filters, window]);

/** `lower(col) IN (values)` for a filter's values, or TRUE when it has none. */
function inSql(column: Prisma.Sql, values: string[] | undefined): Prisma.Sql {
  return values?.length ? Prisma.sql`lower(${column}) IN (${Prisma.join(values.map((v) => v.toLowerCase()))})` : Prisma.sql`TRUE`;
}

/** Each word somewhere in `text`, a lower-cased column with a trigram index (the entities' on PostgreSQL only). */
function allWordsSql(text: Prisma.Sql, words: string[]): Prisma.Sql {
  return Prisma.join(
    words.map((w) => Prisma.sql`${text} LIKE ${`%${likeEscape(w)}%`}`),
    ' AND ',
  );
}

/**
 * An entity's relevance to the words: for each word, more where it names the entity (the name is
 * the word, starts with it, contains it; then the title, a tag, the type, owner or system), and
 * most when the whole query is the entity's name ("rates service" for rates-service) or title.
 */
function entityScoreSql(words: string[]): Prisma.Sql {
  // Lower-cased once per match (the LATERAL `l` of the query), not once per use.
  const name = Prisma.sql`l."name"`;
  const title = Prisma.sql`l."title"`;
  const more = Prisma.sql`lower(concat_ws(' ', e."specType", e."owner", e."system"))`;
  // One expression per word (at most 8), written out: a subquery per row cost a plan node per match.
  const perWord = words.map((w) => {
    const p = likeEscape(w);
    return Prisma.sql`(CASE WHEN ${name} = ${w} THEN 100 WHEN ${name} LIKE ${`${p}%`} THEN 60 WHEN ${name} LIKE ${`%${p}%`} THEN 40 ELSE 0 END
      + CASE WHEN ${title} LIKE ${`%${p}%`} THEN 30 ELSE 0 END
      + CASE WHEN ${w} = ANY(e."tags") THEN 25 ELSE 0 END
      + CASE WHEN ${more} LIKE ${`%${p}%`} THEN 10 ELSE 0 END + 1)`;
  });
  return Prisma.sql`(${Prisma.join(perWord, ' + ')}
    + CASE WHEN ${name} = ${words.join('-')} OR ${title} = ${words.join(' ')} THEN 200 ELSE 0 END)`;
}

/** How many matches there are of each kind and lifecycle (the query's `groups`). */
type GroupRow = { kind: string; lifecycle: string | null; n: number };

const passes = (values: string[] | undefined, v: string | null) =>
  !values?.length || (v !== null && values.some((x) => x.toLowerCase() === v.toLowerCase()));

/**
 * The matches that pass the kind and lifecycle filters, and the kind and lifecycle counts among the
 * matches, each under the other filter (as the catalog's facets are counted).
 */
function countGroups(groups: GroupRow[], filters: SearchFilters): { total: number; facets: SearchFacets } {
  const facet = (key: 'kind' | 'lifecycle', other: 'kind' | 'lifecycle'): FacetCount[] => {
    const counts = new Map<string, FacetCount>();
    for (const g of groups) {
      const value = g[key];
      if (value === null || !passes(filters[other], g[other])) continue;
      const c = counts.get(value.toLowerCase()) ?? { value, count: 0 };
      c.count += g.n;
      counts.set(value.toLowerCase(), c);
    }
    return [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  };
  return {
    total: groups.filter((g) => passes(filters.kind, g.kind) && passes(filters.lifecycle, g.lifecycle)).reduce((n, g) => n + g.n, 0),
    facets: { kind: facet('kind', 'lifecycle'), lifecycle: facet('lifecycle', 'kind') },
  };
}

/** The matches' groups as one JSON column of the query (from a CTE `m` with kind and lifecycle). */
const groupsSql = Prisma.sql`(SELECT coalesce(json_agg(g), '[]') FROM (
  SELECT min(m."kind") AS kind, min(m."lifecycle") AS lifecycle, count(*)::int AS n FROM m GROUP BY lower(m."kind"), lower(m."lifecycle")) g) AS groups`;

const kindLifecycleSql = (filters: SearchFilters) =>
  Prisma.sql`${inSql(Prisma.sql`m."kind"`, filters.kind)} AND ${inSql(Prisma.sql`m."lifecycle"`, filters.lifecycle)}`;
type HitRow = {
  ref: string;
  kind: string;
  name: string;
  title: string | null;
  description: unknown;
  owner: string | null;
  type: string | null;
  lifecycle: string | null;
  tags: string[];
};

/**
 * Entities matching every word of `term`, best first, within `window`; how many match the
 * filters; and the kind and lifecycle counts among the matches (each under the other filters, as
 * the catalog's facets are counted).
 */
export async function searchEntities(term: string, filters: SearchFilters, window: Window): Promise<EntitySearch> {
  const words = searchWords(term);
  if (!words.length) return { hits: [], total: 0, facets: { kind: [], lifecycle: [] } };
  return keptEntitySearches(keyOf(words, filters, window), () => computeEntitySearch(words, filters, window));
}

async function computeEntitySearch(words: string[], filters: SearchFilters, window: Window): Promise<EntitySearch> {
  const sql = Prisma.sql`
    WITH m AS MATERIALIZED (
      SELECT e."id", e."ref", e."kind", e."lifecycle", length(e."name") AS length, l."name", ${entityScoreSql(words)} AS score
      FROM "Entity" e, LATERAL (SELECT lower(e."name") AS "name", lower(coalesce(e."title", '')) AS "title" OFFSET 0) l
      WHERE ${allWordsSql(Prisma.sql`e."searchText"`, words)} AND ${inSql(Prisma.sql`e."specType"`, filters.type)}),
    page AS (
      SELECT m.*, row_number() OVER () AS n FROM (
        SELECT * FROM m WHERE ${kindLifecycleSql(filters)}
        ORDER BY m.score DESC, m."length", m."name", m."ref" LIMIT ${window.limit} OFFSET ${window.offset}) m)
    SELECT ${groupsSql},
      (SELECT coalesce(json_agg(json_build_object(
          'ref', p."ref", 'kind', e."kind", 'name', e."name", 'title', e."title", 'description', e."body"->'metadata'->'description',
          'owner', e."owner", 'type', e."specType", 'lifecycle', e."lifecycle", 'tags', e."tags") ORDER BY p.n), '[]')
        FROM page p JOIN "Entity" e ON e."id" = p."id") AS page`;
  const { driver } = await getDb();
  const [{ groups, page }] = (await driver.query<{ groups: GroupRow[]; page: HitRow[] }>(sql.text, sql.values)).rows;
  return {
    hits: page.map((r) => ({ ...r, description: typeof r.description === 'string' ? r.description : null })),
    ...countGroups(groups, filters),
  };
}

type DocsRow = {
  entityRef: string;
  path: string;
  title: string;
  sections: PageSection[];
  siteName: string | null;
  lifecycle: string | null;
  owner: string | null;
};

/**
 * Docs pages whose title, headings or text contain every word of `term`, best first (the words in
 * the page's title), within `window`, with how many match the filters and the kind and lifecycle
 * counts of their entities; each hit names its best section. Only of entities documented now.
 */
export async function searchDocs(
  term: string,
  filters: SearchFilters = {},
  window: Window = { offset: 0, limit: 20 },
): Promise<DocsSearch> {
  const words = searchWords(term);
  if (!words.length) return { hits: [], total: 0, facets: { kind: [], lifecycle: [] } };
  return keptDocsSearches(keyOf(words, filters, window), () => computeDocsSearch(words, filters, window));
}

async function computeDocsSearch(words: string[], filters: SearchFilters, window: Window): Promise<DocsSearch> {
  const sql = Prisma.sql`
    WITH m AS MATERIALIZED (
      SELECT d."entityRef", d."path", e."kind", e."lifecycle",
        ${Prisma.join(
          words.map((w) => Prisma.sql`CASE WHEN lower(d."title") LIKE ${`%${likeEscape(w)}%`} THEN 10 ELSE 1 END`),
          ' + ',
        )} AS score
      FROM "DocsPage" d JOIN "Entity" e ON e."ref" = d."entityRef"
      WHERE d."error" IS NULL AND ${allWordsSql(Prisma.sql`d."searchText"`, words)}
        AND json_typeof(e."body"->'metadata'->'annotations'->${TECHDOCS_REF}) = 'string'
        AND ${inSql(Prisma.sql`e."specType"`, filters.type)}),
    page AS (SELECT m.*, row_number() OVER () AS n FROM (
      SELECT * FROM m WHERE ${kindLifecycleSql(filters)} ORDER BY m.score DESC, m."entityRef", m."path" LIMIT ${window.limit} OFFSET ${window.offset}) m)
    SELECT ${groupsSql},
      (SELECT coalesce(json_agg(json_build_object(
          'entityRef', d."entityRef", 'path', d."path", 'title', d."title", 'sections', d."sections", 'siteName', s."siteName",
          'lifecycle', e."lifecycle", 'owner', e."owner") ORDER BY p.n), '[]')
        FROM page p JOIN "DocsPage" d ON d."entityRef" = p."entityRef" AND d."path" = p."path"
        JOIN "Entity" e ON e."ref" = p."entityRef"
        LEFT JOIN "DocsSite" s ON s."entityRef" = p."entityRef") AS page`;
  // A page's text is stored compressed outside its row (TOAST), which PostgreSQL's planner counts as
  // free to read: it scans every page, decompressing each text, rather than use the trigram index
  // (20,000 pages of ~2 KB: 42–205 ms a query against 1–46 ms through the index).
  const { driver } = await getDb();
  const [{ groups, page }] = await driver.transaction(async (query) => {
    await query('SET LOCAL enable_seqscan = off');
    return (await query<{ groups: GroupRow[]; page: DocsRow[] }>(sql.text, sql.values)).rows;
  });
  return { hits: page.map((p) => docsHit(p, words)), ...countGroups(groups, filters) };
}

/** The page's section where most of the words are, and ~200 characters of it from the first. */
function docsHit(p: DocsRow, words: string[]): DocsSearchHit {
  const score = (s: PageSection) => words.filter((w) => `${s.heading} ${s.text}`.toLowerCase().includes(w)).length;
  const best = p.sections.reduce<PageSection | null>((b, s) => (!b || score(s) > score(b) ? s : b), null);
  const text = best?.text ?? '';
  const at = Math.max(0, text.toLowerCase().indexOf(words[0]) - 60);
  return {
    entityRef: p.entityRef,
    siteName: p.siteName ?? p.entityRef,
    pagePath: p.path,
    pageTitle: p.title,
    anchor: best?.id ?? null,
    heading: best?.heading ?? p.title,
    snippet: `${at ? '…' : ''}${text.slice(at, at + 200)}${text.length > at + 200 ? '…' : ''}`,
    lifecycle: p.lifecycle,
    owner: p.owner,
  };
}

/**
 * Entities whose name is close to a ref that is not in the catalog (a typo, a rename, another
 * kind or namespace): trigram similarity of the names, the same kind first. For the 404 page.
 */
export async function suggestEntities(ref: { kind: string; namespace: string; name: string }, limit = 5): Promise<EntitySummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<{ ref: string }[]>(Prisma.sql`
    SELECT "ref" FROM "Entity"
    WHERE lower("name") = lower(${ref.name}) OR similarity(lower("name"), lower(${ref.name})) > 0.3
    ORDER BY (lower("kind") = lower(${ref.kind})) DESC, similarity(lower("name"), lower(${ref.name})) DESC, "ref"
    LIMIT ${limit}`);
  const summaries = await summarizeRefs(rows.map((r) => r.ref));
  return rows.map((r) => summaries.get(r.ref)!);
}
