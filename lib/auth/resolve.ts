import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { RELATION_CHILD_OF, RELATION_HAS_MEMBER, RELATION_MEMBER_OF, RELATION_OWNED_BY } from '@/lib/catalog/model/relations';
import { resolveRoles, type Actor, type Scope } from './permissions';

// Facts about a person from the catalog: which User entity a GitHub login is, which groups they
// lead, whether they are in the admin team. Read per request: the catalog changes under us
// (org sync, webhooks), and a role removed there must stop working at once.
//
// Only trusted entities count (Location.trusted: config locations, admin-registered org sync, and
// what they declare, but not a discovery's repositories; README "Where identity and roles come from"). Any member can register a location, so a User
// entity from one must not claim someone's login, and its memberOf/hasMember/childOf relations
// must not put anyone in the admin team or under a lead's group.

const LOGIN_KEY = 'metadata.annotations.github.com/user-login';
const TEAM_KEY = 'metadata.annotations.github.com/team-slug';

/** An entity read from a trusted location (portal-managed entities have none, so are not). */
const TRUSTED_ENTITY = { location: { trusted: true } } as const;

// Raw SQL below: these run on every request, and Prisma's relation filters (entity → location)
// become subqueries over every trusted entity (9 ms for an 80-entity catalog on PGlite), while a
// join from the indexed (key, value) search rows or relation refs costs about 1 ms.
const TRUSTED_ORIGIN = `JOIN "Location" l ON l."id" = e."locationId" AND l."trusted"`;

async function trustedRefsBySearch(key: string, value: string, refPrefix: string): Promise<{ ref: string; locationType: string }[]> {
  const prisma = await getPrisma();
  return prisma.$queryRawUnsafe(
    `SELECT e."ref", l."type" AS "locationType" FROM "EntitySearch" s JOIN "Entity" e ON e."id" = s."entityId" ${TRUSTED_ORIGIN}
      WHERE s."key" = $1 AND s."value" = $2 AND e."ref" LIKE $3 ORDER BY e."ref" LIMIT 20`,
    key,
    value,
    `${refPrefix}%`,
  );
}

export type Identity =
  /** `ref` is who the login is; `refs` are every trusted User of that login (the same person). */
  | { status: 'found'; ref: string; refs: string[] }
  | { status: 'unknown' }
  /** Several trusted Users claim the login and none is org sync's: sign-in is refused. */
  | { status: 'ambiguous'; refs: string[] };

/**
 * Who a GitHub login is: the trusted User entities with `github.com/user-login: <login>`, else a
 * trusted `user:default/<login>` that claims no login. When org sync and a file both describe the
 * person, org sync's User is the identity (it is GitHub's own record of the login) and the file's
 * is the same person: leads and team memberships recorded against either count.
 */
export async function resolveIdentity(login: string): Promise<Identity> {
  const value = login.toLowerCase();
  const claims = await trustedRefsBySearch(LOGIN_KEY, value, 'user:');
  if (!claims.length) {
    const prisma = await getPrisma();
    const byName = await prisma.entity.findFirst({
      where: { ref: `user:default/${value}`, ...TRUSTED_ENTITY, search: { none: { key: LOGIN_KEY } } },
      select: { ref: true },
    });
    return byName ? { status: 'found', ref: byName.ref, refs: [byName.ref] } : { status: 'unknown' };
  }
  const refs = claims.map((c) => c.ref);
  const orgSync = claims.filter((c) => c.locationType === 'github-org');
  if (orgSync.length === 1) return { status: 'found', ref: orgSync[0].ref, refs };
  if (claims.length === 1) return { status: 'found', ref: refs[0], refs };
  return { status: 'ambiguous', refs };
}

/**
 * The trusted Group entity of a GitHub team `org/slug`: by the annotation (org sync's Group first,
 * GitHub's own record of the team), then by name.
 */
export async function findTeamGroupRef(team: string): Promise<string | null> {
  const value = team.toLowerCase();
  const claims = await trustedRefsBySearch(TEAM_KEY, value, 'group:');
  const hit = claims.find((c) => c.locationType === 'github-org') ?? claims[0];
  if (hit) return hit.ref;
  const slug = value.split('/')[1];
  const prisma = await getPrisma();
  const byName = slug
    ? await prisma.entity.findFirst({ where: { ref: `group:default/${slug}`, ...TRUSTED_ENTITY }, select: { ref: true } })
    : null;
  return byName?.ref ?? null;
}

/**
 * Whether any of the person's Users is a member of the group, by relations trusted entities declared.
 * Org sync is GitHub's record of its own teams: its Users' memberOf counts for a Group it holds, or
 * for a Group that names the team it is (`github.com/team-slug: <its org>/<name>`), but not for a
 * Group of another location that only shares a team's name: any member of an organisation may
 * create a team (GitHub's default), so one named like the admin team's Group made her an admin.
 */
async function isGroupMember(userRefs: string[], groupRef: string): Promise<boolean> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<unknown[]>(
    `SELECT 1 FROM "Relation" r JOIN "Entity" e ON e."id" = r."originId" ${TRUSTED_ORIGIN}
      WHERE ((r."sourceRef" = $1 AND r."type" = $2 AND r."targetRef" IN (SELECT jsonb_array_elements_text($4::jsonb)))
          OR (r."targetRef" = $1 AND r."type" = $3 AND r."sourceRef" IN (SELECT jsonb_array_elements_text($4::jsonb))))
        AND (l."type" <> 'github-org'
          OR EXISTS (SELECT 1 FROM "Entity" g WHERE g."ref" = $1 AND g."locationId" = l."id")
          OR EXISTS (SELECT 1 FROM "Entity" g JOIN "EntitySearch" s ON s."entityId" = g."id" AND s."key" = $5
                      WHERE g."ref" = $1 AND s."value" = lower(substring(l."target" from '([^/]+)/*$')) || '/' || lower(g."name")))
      LIMIT 1`,
    groupRef,
    RELATION_HAS_MEMBER,
    RELATION_MEMBER_OF,
    JSON.stringify(userRefs),
    TEAM_KEY,
  );
  return rows.length > 0;
}

/** The parents of a group, by childOf relations that trusted entities declared. */
async function trustedParents(groupRef: string): Promise<string[]> {
  const prisma = await getPrisma();
  const rows = await prisma.$queryRawUnsafe<{ targetRef: string }[]>(
    `SELECT DISTINCT r."targetRef" FROM "Relation" r JOIN "Entity" e ON e."id" = r."originId" ${TRUSTED_ORIGIN} WHERE r."sourceRef" = $1 AND r."type" = $2`,
    groupRef,
    RELATION_CHILD_OF,
  );
  return rows.map((r) => r.targetRef);
}

/**
 * Builds the actor of a signed-in person (browser session or personal token). Sign-in lets in only
 * a catalog User (unless auth.allowUnknownUsers), and the same holds afterwards: a person whose
 * User the catalog had (`entityRef`) and no longer has (org sync removed them, their file was
 * deleted), or who came in as an unknown user and is still on no User once auth.allowUnknownUsers
 * is turned off, is UNAUTHENTICATED at once, sessions and tokens alike, not a member until they expire.
 */
export async function userActor(
  user: { id: string; name: string | null; login: string | null; entityRef?: string | null },
  scope: Scope,
): Promise<Actor> {
  const { auth } = getConfig();
  const prisma = await getPrisma();
  const identity: Identity = user.login ? await resolveIdentity(user.login) : { status: 'unknown' };
  if (identity.status === 'unknown' && !auth.allowUnknownUsers) {
    if (!user.entityRef)
      // Let in while auth.allowUnknownUsers was true, with no User recorded: not any more.
      throw new AppError(
        'UNAUTHENTICATED',
        `${user.login ?? 'this person'} is on no User of the catalog, so is not signed in (auth.allowUnknownUsers is false)`,
      );
    // Local sign-in records the User chosen, which the login may not resolve to (another namespace, no annotation).
    const still = await prisma.entity.findFirst({ where: { ref: user.entityRef, kind: 'User', ...TRUSTED_ENTITY }, select: { id: true } });
    if (!still)
      throw new AppError(
        'UNAUTHENTICATED',
        `${user.entityRef} is no longer a User of the catalog, so ${user.login ?? 'this person'} is not signed in (auth.allowUnknownUsers is false)`,
      );
  }
  const refs = identity.status === 'found' ? identity.refs : [];
  const userRef = identity.status === 'found' ? identity.ref : null;
  // Explicit `refs.length ? … : []`: an empty `in` is fine, but an undefined filter would match every lead row.
  const leadOf = refs.length
    ? (await prisma.groupLead.findMany({ where: { userRef: { in: refs } }, select: { groupRef: true }, distinct: ['groupRef'] })).map(
        (l) => l.groupRef,
      )
    : [];
  let inAdminTeam = false;
  if (auth.admins.team && refs.length) {
    const group = await findTeamGroupRef(auth.admins.team);
    inAdminTeam = group ? await isGroupMember(refs, group) : false;
  }
  return {
    id: `user:${user.id}`,
    name: user.name ?? user.login ?? userRef ?? 'Signed-in user',
    kind: 'user',
    login: user.login ?? undefined,
    userRef,
    roles: resolveRoles({ login: user.login ?? undefined, adminLogins: auth.admins.logins, inAdminTeam, leadOf }),
    leadOf,
    scope,
  };
}

/** The owning group of an entity and every ancestor of it (childOf chain), nearest first. */
export async function owningGroupChain(entityRef: string): Promise<string[]> {
  const prisma = await getPrisma();
  const owners = await prisma.relation.findMany({ where: { sourceRef: entityRef, type: RELATION_OWNED_BY }, select: { targetRef: true } });
  const entity = await prisma.entity.findUnique({ where: { ref: entityRef }, select: { owner: true } });
  return groupChain([...owners.map((o) => o.targetRef), ...(entity?.owner ? [entity.owner] : [])]);
}

/** The groups and every trusted group above them, nearest first. */
export async function groupChain(groupRefs: string[]): Promise<string[]> {
  const chain: string[] = [];
  const queue = [...new Set(groupRefs)].filter((r) => r.startsWith('group:'));
  // Breadth-first up the parent chain; bounded and cycle-safe (a bad catalog must not hang a request).
  while (queue.length && chain.length < 100) {
    const ref = queue.shift()!;
    if (chain.includes(ref)) continue;
    chain.push(ref);
    // Only a trusted entity's childOf counts: a Group any member registers cannot hang a team under
    // a lead's group (nor lift itself above one).
    queue.push(...(await trustedParents(ref)));
  }
  return chain;
}

/** The groups a User entity is a member of (its memberOf relations), in order. */
export async function memberGroupsOf(userRef: string): Promise<string[]> {
  const prisma = await getPrisma();
  const rows = await prisma.relation.findMany({
    where: { sourceRef: userRef, type: RELATION_MEMBER_OF },
    select: { targetRef: true },
    orderBy: { targetRef: 'asc' },
  });
  return rows.map((r) => r.targetRef);
}

/**
 * The refs that own on a person's behalf (Backstage's ownershipEntityRefs): their User entity and
 * the groups it is a member of. None for someone signed in without a User entity.
 */
export async function ownershipRefsOf(actor: Pick<Actor, 'userRef'>): Promise<string[]> {
  return actor.userRef ? [actor.userRef, ...(await memberGroupsOf(actor.userRef))] : [];
}
