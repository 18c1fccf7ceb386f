import 'server-only';
import { personIdOf } from '@/lib/auth/users';
import { getPrisma } from '@/lib/db/client';

// The entities a person starred (Backstage's starred entities), newest first. Only people star:
// a service token has no stars.

/** How many entities one person may star: the catalog list's Starred filter names them all in one query. */
export const MAX_STARRED = 1000;

type Person = { id: string; kind: string };

/** Canonical refs of the entities this person starred, the latest first (none for a service). */
export async function listStarredRefs(actor: Person, limit = MAX_STARRED): Promise<string[]> {
  const userId = personIdOf(actor);
  if (!userId) return [];
  const prisma = await getPrisma();
  const rows = await prisma.starredEntity.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { entityRef: 'asc' }],
    take: limit,
    select: { entityRef: true },
  });
  return rows.map((r) => r.entityRef);
}

export async function isStarred(actor: Person, entityRef: string): Promise<boolean> {
  const userId = personIdOf(actor);
  if (!userId) return false;
  const prisma = await getPrisma();
  const row = await prisma.starredEntity.findUnique({
    where: { userId_entityRef: { userId, entityRef: entityRef.toLowerCase() } },
    select: { userId: true },
  });
  return row !== null;
}

/** The uids of the starred entities that are in the catalog (the catalog list's Starred filter). */
export async function listStarredIds(actor: Person): Promise<string[]> {
  const userId = personIdOf(actor);
  if (!userId) return [];
  const prisma = await getPrisma();
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT e."id"::text AS id FROM "StarredEntity" s JOIN "Entity" e ON e."ref" = s."entityRef" WHERE s."userId" = ${userId}::uuid`;
  return rows.map((r) => r.id);
}
