import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { RELATION_CHILD_OF, RELATION_HAS_MEMBER, RELATION_MEMBER_OF, RELATION_OWNED_BY } from '@/lib/catalog/model/relations';
import { resolveRoles, type Actor, type Scope } from './permissions';

// Facts about a person from the catalog: which User entity a GitHub login is, which groups they
// lead, whether they are in the admin team. Read per request: the catalog changes under us
// (org sync, webhooks), and a role removed there must stop working at once.

const LOGIN_KEY = 'metadata.annotations.github.com/user-login';
const TEAM_KEY = 'metadata.annotations.github.com/team-slug';

/** The catalog User entity of a GitHub login: by annotation first, then by name `user:default/<login>`. */
export async function findUserEntityRef(login: string): Promise<string | null> {
  const prisma = await getPrisma();
  const value = login.toLowerCase();
  const byAnnotation = await prisma.entitySearch.findFirst({
    where: { key: LOGIN_KEY, value, entity: { ref: { startsWith: 'user:' } } },
    select: { entity: { select: { ref: true } } },
    orderBy: { entity: { ref: 'asc' } },
  });
  if (byAnnotation) return byAnnotation.entity.ref;
  const byName = await prisma.entity.findUnique({ where: { ref: `user:default/${value}` }, select: { ref: true } });
  return byName?.ref ?? null;
}

/** The Group entity of a GitHub team `org/slug`: by the org sync's annotation, then by name. */
export async function findTeamGroupRef(team: string): Promise<string | null> {
  const prisma = await getPrisma();
  const value = team.toLowerCase();
  const hit = await prisma.entitySearch.findFirst({ where: { key: TEAM_KEY, value, entity: { ref: { startsWith: 'group:' } } }, select: { entity: { select: { ref: true } } } });
  if (hit) return hit.entity.ref;
  const slug = value.split('/')[1];
  const byName = slug ? await prisma.entity.findUnique({ where: { ref: `group:default/${slug}` }, select: { ref: true } }) : null;
  return byName?.ref ?? null;
}

async function isGroupMember(userRef: string, groupRef: string): Promise<boolean> {
  const prisma = await getPrisma();
  const n = await prisma.relation.count({
    where: {
      OR: [
        { sourceRef: groupRef, type: RELATION_HAS_MEMBER, targetRef: userRef },
        { sourceRef: userRef, type: RELATION_MEMBER_OF, targetRef: groupRef },
      ],
    },
  });
  return n > 0;
}

/** Builds the actor of a signed-in person (browser session or personal token). */
export async function userActor(user: { id: string; name: string | null; login: string | null; entityRef: string | null }, scope: Scope): Promise<Actor> {
  const { auth } = getConfig();
  const prisma = await getPrisma();
  const userRef = user.entityRef;
  // Explicit `userRef ? … : []`: an undefined filter would match every lead row.
  const leadOf = userRef ? (await prisma.groupLead.findMany({ where: { userRef }, select: { groupRef: true }, distinct: ['groupRef'] })).map((l) => l.groupRef) : [];
  let inAdminTeam = false;
  if (auth.admins.team && userRef) {
    const group = await findTeamGroupRef(auth.admins.team);
    inAdminTeam = group ? await isGroupMember(userRef, group) : false;
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
  const chain: string[] = [];
  const queue = [...new Set([...owners.map((o) => o.targetRef), ...(entity?.owner ? [entity.owner] : [])])].filter((r) => r.startsWith('group:'));
  // Breadth-first up the parent chain; bounded and cycle-safe (a bad catalog must not hang a request).
  while (queue.length && chain.length < 100) {
    const ref = queue.shift()!;
    if (chain.includes(ref)) continue;
    chain.push(ref);
    const parents = await prisma.relation.findMany({ where: { sourceRef: ref, type: RELATION_CHILD_OF }, select: { targetRef: true } });
    queue.push(...parents.map((p) => p.targetRef));
  }
  return chain;
}
