import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { RELATION_HAS_MEMBER } from '@/lib/catalog/model/relations';
import { getPrisma } from '@/lib/db/client';

// The choices a picker offers as a person types (an owner, a team, a lead, a system): a few entities
// of the given kinds whose ref, title, description or display name holds the text, read one short
// page at a time, however large the catalog.

/** A kind, lower-cased: `group`, `user`, `system`, … */
export type ChoiceKind = string;

export type Choice = {
  ref: string;
  /** The display name (spec.profile.displayName), else the title, else the name. */
  label: string;
  /** With `leadOf`: the person is a member of that group. */
  member?: boolean;
};

const CHOICE_LIMIT = 20;

type Row = { ref: string; name: string; title: string | null; displayName: string | null; member: boolean };

/**
 * `leadOf` asks for the people who could be appointed lead of that group: trusted Users only (the
 * only ones appointLeadAction accepts), its current leads left out, its members first.
 */
export async function findChoices({
  kinds,
  text,
  leadOf,
}: {
  kinds: ChoiceKind[];
  text?: string;
  leadOf?: string;
}): Promise<{ items: Choice[]; more: boolean }> {
  const prisma = await getPrisma();
  const t = text?.trim().toLowerCase();
  const pattern = t ? `%${t.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  const matches = pattern
    ? Prisma.sql`AND (e."searchText" LIKE ${pattern} OR EXISTS (
        SELECT 1 FROM "EntitySearch" s WHERE s."entityId" = e."id" AND s."key" = 'spec.profile.displayname' AND s."value" LIKE ${pattern}))`
    : Prisma.empty;
  const isMember = Prisma.sql`EXISTS (
    SELECT 1 FROM "Relation" r WHERE r."sourceRef" = ${leadOf ?? null} AND r."type" = ${RELATION_HAS_MEMBER} AND r."targetRef" = e."ref")`;
  const forLead = leadOf
    ? Prisma.sql`AND EXISTS (SELECT 1 FROM "Location" l WHERE l."id" = e."locationId" AND l."trusted")
        AND NOT EXISTS (SELECT 1 FROM "GroupLead" g WHERE g."groupRef" = ${leadOf} AND g."userRef" = e."ref")`
    : Prisma.empty;
  // One part per kind (and, for a lead, members and everyone else), each read in the order of the
  // kind-and-name index and stopping at a page, so that a text many components hold, or a large
  // organisation, costs no more than the page.
  const parts = (leadOf ? [Prisma.sql`AND ${isMember}`, Prisma.sql`AND NOT ${isMember}`] : [Prisma.empty]).flatMap((which, i) =>
    (leadOf ? ['user'] : kinds).map(
      (kind) => Prisma.sql`(
        SELECT e."ref", e."name", e."title", e."body"->'spec'->'profile'->>'displayName' AS "displayName",
               ${Prisma.raw(String(Boolean(leadOf) && i === 0))} AS "member", lower(e."name") AS "sortName"
          FROM "Entity" e
         WHERE lower(e."kind") = ${kind} ${which} ${matches} ${forLead}
         ORDER BY lower(e."name"), e."ref" LIMIT ${CHOICE_LIMIT + 1})`,
    ),
  );
  const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`
    SELECT * FROM (${Prisma.join(parts, ' UNION ALL ')}) c
    ORDER BY c."member" DESC, c."sortName", c."ref"
    LIMIT ${CHOICE_LIMIT + 1}`);
  const items = rows.slice(0, CHOICE_LIMIT).map((r) => ({
    ref: r.ref,
    label: r.displayName || r.title || r.name,
    ...(leadOf ? { member: r.member } : {}),
  }));
  return { items, more: rows.length > CHOICE_LIMIT };
}

/** Whether the catalog has this Group (a team filter's value), or without a ref any Group at all. */
export async function groupExists(ref?: string): Promise<boolean> {
  const prisma = await getPrisma();
  const found = await prisma.entity.findFirst({
    where: { kind: 'Group', ...(ref ? { ref: ref.toLowerCase() } : {}) },
    select: { id: true },
  });
  return found !== null;
}
