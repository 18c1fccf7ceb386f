import 'server-only';
import { getPrisma } from '@/lib/db/client';
import type { Actor, Role } from './permissions';
import { memberGroupsOf } from './resolve';
import { personIdOf } from './users';

// Who the signed-in person is to the portal (Settings → Profile): their account, their User entity
// and groups in the catalog, and the roles those give them, as this request resolved them, so a
// person can see why they may or may not change something.

export type Profile = {
  name: string;
  login: string | null;
  email: string | null;
  /** Canonical ref of their User entity, null when they are signed in without one (auth.allowUnknownUsers). */
  userRef: string | null;
  /** Refs of the groups they are a member of. */
  groups: string[];
  /** Refs of the groups they lead (as a GitHub team's maintainer, or appointed in the portal). */
  leadOf: string[];
  roles: Role[];
};

export async function getProfile(actor: Actor): Promise<Profile> {
  const id = personIdOf(actor);
  const prisma = await getPrisma();
  const [row, groups] = await Promise.all([
    id ? prisma.user.findUnique({ where: { id }, select: { login: true, email: true } }) : null,
    actor.userRef ? memberGroupsOf(actor.userRef) : Promise.resolve([]),
  ]);
  return {
    name: actor.name,
    login: row?.login ?? actor.login ?? null,
    email: row?.email ?? null,
    userRef: actor.userRef ?? null,
    groups,
    leadOf: actor.leadOf,
    roles: actor.roles,
  };
}
