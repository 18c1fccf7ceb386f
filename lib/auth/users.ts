import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';

// Catalog User entities as people who can sign in locally, and the portal User row for one.

export type SignInCandidate = { ref: string; name: string; login: string };

type UserBody = { metadata?: { name?: string; annotations?: Record<string, string> }; spec?: { profile?: { displayName?: string } } };

function candidate(e: { ref: string; title: string | null; body: unknown }): SignInCandidate {
  const body = e.body as UserBody;
  const name = body.metadata?.name ?? e.ref.split('/')[1] ?? e.ref;
  return {
    ref: e.ref,
    name: body.spec?.profile?.displayName ?? e.title ?? name,
    login: (body.metadata?.annotations?.['github.com/user-login'] ?? name).toLowerCase(),
  };
}

// Only Users of trusted locations (see resolve.ts): an entity any member registered is nobody.
const TRUSTED_USER = { kind: 'User', location: { trusted: true } } as const;

/** Trusted User entities of the catalog, by display name (local sign-in). */
export async function listSignInCandidates(): Promise<SignInCandidate[]> {
  const prisma = await getPrisma();
  const rows = await prisma.entity.findMany({ where: TRUSTED_USER, select: { ref: true, title: true, body: true }, take: 5000 });
  return rows.map(candidate).sort((a, b) => a.name.localeCompare(b.name));
}

/** The portal user for a catalog User entity (created on first local sign-in, keyed by login). */
export async function ensureUserForEntity(entityRef: string): Promise<{ id: string }> {
  const prisma = await getPrisma();
  const entity = await prisma.entity.findFirst({
    where: { ref: entityRef.toLowerCase(), ...TRUSTED_USER },
    select: { ref: true, title: true, body: true },
  });
  if (!entity) throw new AppError('NOT_FOUND', `${entityRef} is not a User entity of a configured location or org sync`);
  const c = candidate(entity);
  return prisma.user.upsert({
    where: { login: c.login },
    create: { login: c.login, name: c.name, entityRef: c.ref },
    update: { name: c.name, entityRef: c.ref },
    select: { id: true },
  });
}

/** The portal user id of a person actor (`user:<id>`), or null for a service. */
export function personIdOf(actor: { id: string; kind: string }): string | null {
  return actor.kind === 'user' && actor.id.startsWith('user:') ? actor.id.slice('user:'.length) : null;
}

/** The portal user id of a user actor; a service is refused. */
export function userIdOf(actor: { id: string; kind: string }): string {
  const id = personIdOf(actor);
  if (!id) throw new AppError('FORBIDDEN', 'only a signed-in person can do this');
  return id;
}

export type GroupLeadRow = { userRef: string; source: string };

/** The leads of one group (GitHub team maintainers and portal appointments). */
export async function listGroupLeads(groupRef: string): Promise<GroupLeadRow[]> {
  const prisma = await getPrisma();
  return prisma.groupLead.findMany({
    where: { groupRef: groupRef.toLowerCase() },
    select: { userRef: true, source: true },
    orderBy: [{ userRef: 'asc' }, { source: 'asc' }],
  });
}

/** Every lead of every group (the admin's leads page). */
export async function listAllGroupLeads(): Promise<(GroupLeadRow & { id: string; groupRef: string })[]> {
  const prisma = await getPrisma();
  return prisma.groupLead.findMany({
    orderBy: [{ groupRef: 'asc' }, { userRef: 'asc' }],
    select: { id: true, groupRef: true, userRef: true, source: true },
  });
}

/** Whether a lead can be appointed at all: the catalog has a Group and a trusted User. */
export async function canAppointLeads(): Promise<boolean> {
  const prisma = await getPrisma();
  const [group, user] = await Promise.all([
    prisma.entity.findFirst({ where: { kind: 'Group' }, select: { id: true } }),
    prisma.entity.findFirst({ where: TRUSTED_USER, select: { id: true } }),
  ]);
  return Boolean(group && user);
}
