import 'server-only';
import { getDb } from '@/lib/db/client';
import { RELATION_HAS_MEMBER, RELATION_PARENT_OF } from '@/lib/catalog/model';

// The per-team filter: a Group and every Group below it, and their members. Members, whose activity
// the filter shows, come only from relations of trusted entities (org sync, the config's locations;
// lib/auth/resolve.ts): a Group any member registers with `members: [alice]` does not make alice's
// days and pages a team's.

export type TeamScope = { team: string; groups: Set<string>; members: Set<string> };

const TRUSTED = `JOIN "Entity" e ON e."id" = r."originId" JOIN "Location" l ON l."id" = e."locationId" AND l."trusted"`;

export async function teamScope(team: string | null | undefined): Promise<TeamScope | null> {
  if (!team) return null;
  const { driver } = await getDb();
  const { rows } = await driver.query<{ ref: string; member: boolean }>(
    `WITH RECURSIVE g(ref) AS (
       SELECT $1::text
       UNION SELECT r."targetRef" FROM "Relation" r JOIN g ON r."sourceRef" = g.ref WHERE r.type = $2
     ), t(ref) AS (
       SELECT $1::text
       UNION SELECT r."targetRef" FROM "Relation" r ${TRUSTED} JOIN t ON r."sourceRef" = t.ref WHERE r.type = $2
     )
     SELECT ref, false AS member FROM g
     UNION SELECT DISTINCT r."targetRef", true FROM "Relation" r ${TRUSTED} JOIN t ON r."sourceRef" = t.ref WHERE r.type = $3`,
    [team.toLowerCase(), RELATION_PARENT_OF, RELATION_HAS_MEMBER],
  );
  return {
    team: team.toLowerCase(),
    groups: new Set(rows.filter((r) => !r.member).map((r) => r.ref)),
    members: new Set(rows.filter((r) => r.member).map((r) => r.ref)),
  };
}

/** The Groups among these refs that the catalog has, with the name to show (Register's suggestions). */
export async function knownGroups(refs: string[]): Promise<Map<string, string>> {
  if (refs.length === 0) return new Map();
  const { driver } = await getDb();
  const { rows } = await driver.query<{ ref: string; title: string | null; name: string }>(
    `SELECT ref, title, name FROM "Entity" WHERE kind = 'Group' AND ref = ANY($1::text[])`,
    [refs],
  );
  return new Map(rows.map((r) => [r.ref, r.title ?? r.name]));
}
