import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { getPrisma } from '@/lib/db/client';
import type { EntitySummary } from '@/lib/catalog/model';
import { summarizeRefs } from '@/lib/catalog/queries/pages';

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
