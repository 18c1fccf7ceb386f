import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { EMPTY_FILTER, queryEntities, summarizeRefs } from '@/lib/catalog';
import { stringifyEntityRef, type EntitySummary } from '@/lib/catalog/model';
import { searchDocs, type DocsSearchHit } from '@/lib/docs';
import { getPrisma } from '@/lib/db/client';

// Search across domains: catalog entities (the catalog's full-text filter over name, title,
// description, tags, owner and annotations) and docs pages (to the heading), and close matches for
// a ref that is not in the catalog.

export const SEARCH_LIMIT = 100;

export type EntityHit = Pick<EntitySummary, 'ref' | 'kind' | 'name' | 'title' | 'description' | 'owner'> & { tags: string[] };
export type SearchResult = { entities: EntityHit[]; totalEntities: number; docs: DocsSearchHit[] };

/** Entities (the first SEARCH_LIMIT, by kind then name) and docs pages that match the words of `q`. */
export async function search(q: string): Promise<SearchResult> {
  const [docs, result] = await Promise.all([
    searchDocs(q),
    queryEntities(
      {
        filter: EMPTY_FILTER,
        fullText: { term: q },
        limit: SEARCH_LIMIT,
        offset: 0,
        order: [
          { field: 'kind', order: 'asc' },
          { field: 'metadata.name', order: 'asc' },
        ],
      },
      // A hit shows the entity itself: its relations and errors are not read.
      { relations: false, errors: false },
    ),
  ]);
  const entities = result.items.map((e) => ({
    ref: stringifyEntityRef({ kind: e.kind, namespace: e.metadata.namespace, name: e.metadata.name }),
    kind: e.kind,
    name: e.metadata.name,
    title: e.metadata.title ?? null,
    description: e.metadata.description ?? null,
    owner: typeof e.spec.owner === 'string' ? e.spec.owner : null,
    tags: e.metadata.tags ?? [],
  }));
  return { entities, totalEntities: result.totalItems, docs };
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
