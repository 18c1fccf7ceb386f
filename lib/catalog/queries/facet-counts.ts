import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { getPrisma } from '@/lib/db/client';
import { getLogger } from '@/lib/observability/logger';
import type { FacetParam } from './catalog-params';

// The catalog list's facet counts of whole kinds (no other filter, no text), summed from the rows
// that the database's triggers append to EntityFacetCount as entities are written (migration
// entity_facet_counts): a few thousand rows instead of every entity of the kind.

export type FacetValueCount = { value: string; count: number };

type SumRow = { facet: FacetParam; value: string; count: number; rows: number };

/**
 * The counts of each facet's values among the entities of these kinds (null: every kind). Values
 * whose rows cancel out (every entity left) are left out.
 */
export async function sumFacetCounts(params: FacetParam[], kinds: string[] | null): Promise<Record<string, FacetValueCount[]>> {
  const prisma = await getPrisma();
  const sums = await prisma.$queryRaw<SumRow[]>`
    SELECT "facet", "value", sum("n")::int AS count, count(*)::int AS rows
    FROM "EntityFacetCount"
    WHERE "facet" = ANY(${params}) AND ${kinds === null ? Prisma.sql`TRUE` : Prisma.sql`"kind" = ANY(${kinds})`}
    GROUP BY 1, 2`;
  const counts: Record<string, FacetValueCount[]> = Object.fromEntries(params.map((p) => [p, []]));
  for (const s of sums) if (s.count > 0) counts[s.facet].push({ value: s.value, count: s.count });
  foldIfSparse(sums);
  return counts;
}

/**
 * Entities the sums can count: of these kinds (null: every kind) and, if given, with one of these
 * values of a facet that holds one value an entity (so that no entity is counted twice).
 */
export type KeptSelection = { kinds: string[] | null; facet?: { param: 'type' | 'lifecycle' | 'namespace'; values: string[] } };

/** How many entities of each kind the selection holds (kinds with none left out). */
export async function sumKindCounts({ kinds, facet }: KeptSelection): Promise<FacetValueCount[]> {
  const prisma = await getPrisma();
  // A kind's row of the kind facet has the kind as its value.
  const sums = await prisma.$queryRaw<Omit<SumRow, 'facet'>[]>`
    SELECT "kind" AS value, sum("n")::int AS count, count(*)::int AS rows
    FROM "EntityFacetCount"
    WHERE "facet" = ${facet?.param ?? 'kind'} AND ${facet ? Prisma.sql`"value" = ANY(${facet.values})` : Prisma.sql`TRUE`}
      AND ${kinds === null ? Prisma.sql`TRUE` : Prisma.sql`"kind" = ANY(${kinds})`}
    GROUP BY 1`;
  foldIfSparse(sums);
  return sums.filter((s) => s.count > 0).map(({ value, count }) => ({ value, count }));
}

/** Folds the rows soon if the sums read too many for the values they returned. */
function foldIfSparse(sums: { rows: number }[]): void {
  const rows = sums.reduce((n, s) => n + s.rows, 0);
  if (rows > FOLD_AT_ROWS_PER_VALUE * sums.length + FOLD_AT_ROWS) foldSoon();
}

// Rows are folded once a sum reads more than twice as many as it returns, plus some slack: a first
// load of 100,000 components appends ~130,000 rows for ~4,000 values.
const FOLD_AT_ROWS_PER_VALUE = 2;
const FOLD_AT_ROWS = 1_000;

let folding: Promise<void> | null = null;

/** Folds in the background, once at a time in this process; a failure is logged (the sums stay right). */
function foldSoon(): void {
  folding ??= foldFacetCounts()
    .catch((err: unknown) => getLogger().warn({ err }, 'facet counts: folding failed'))
    .finally(() => {
      folding = null;
    });
}

/**
 * Replaces every committed row by one per value (the rows of transactions still running are not
 * seen, and stay), and frees the space of the rows it removed (PGlite has no autovacuum). The sums
 * are the same before and after, so nothing kept is dropped.
 */
export async function foldFacetCounts(): Promise<void> {
  const prisma = await getPrisma();
  await prisma.$executeRaw`
    WITH gone AS (DELETE FROM "EntityFacetCount" RETURNING "kind", "facet", "value", "n")
    INSERT INTO "EntityFacetCount" ("kind", "facet", "value", "n")
    SELECT "kind", "facet", "value", sum("n")::int FROM gone GROUP BY 1, 2, 3 HAVING sum("n") <> 0`;
  await prisma.$executeRawUnsafe('VACUUM "EntityFacetCount"');
}
