import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { can, PERMISSIONS, READ_PERMISSIONS, type Actor, type Scope } from './permissions';
import { userActor } from './resolve';
import { userIdOf } from './users';
import { generateToken, secretsEqual, sha256Hex } from './secrets';

// API clients authenticate with `Authorization: Bearer <token>`: a personal access token (created in
// Settings → Tokens, stored as its SHA-256, revocable, with an expiry and a scope) or a service
// token from configuration (Backstage's static external access tokens).

export const PAT_PREFIX = 'wfp_';
/** Lifetimes the form offers, up to the person's limit (which is always offered too). */
const EXPIRY_CHOICES = [7, 30, 90, 365];

/**
 * What tokens a person may create (README "Security model"). A token acts with its owner's roles
 * as they are when it is used, narrowed by its scope, so it can never do more than its owner:
 * the write scope only for someone whose roles hold a write permission, and a lifetime of at most
 * auth.apiTokens.maxDays (admins: adminMaxDays). Every personal token expires.
 */
export type TokenPolicy = { scopes: Scope[]; maxDays: number; expiryChoices: number[] };

export function tokenPolicy(actor: Pick<Actor, 'roles'>): TokenPolicy {
  const { apiTokens } = getConfig().auth;
  const maxDays = actor.roles.includes('admin') ? apiTokens.adminMaxDays : apiTokens.maxDays;
  const canWrite = PERMISSIONS.some((p) => !READ_PERMISSIONS.includes(p) && can({ roles: actor.roles }, p));
  return {
    scopes: canWrite ? ['read', 'write'] : ['read'],
    maxDays,
    expiryChoices: [...EXPIRY_CHOICES.filter((d) => d < maxDays), maxDays],
  };
}

/** Creates a personal token for the signed-in person, within their tokenPolicy (else FORBIDDEN). */
export async function createApiTokenFor(
  actor: Actor,
  input: { name: string; scope: Scope; expiresInDays: number },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const userId = userIdOf(actor);
  const policy = tokenPolicy(actor);
  if (!policy.scopes.includes(input.scope))
    throw new AppError('FORBIDDEN', `your roles (${actor.roles.join(', ')}) allow only ${policy.scopes.join(' or ')} tokens`);
  if (input.expiresInDays > policy.maxDays) {
    const key = actor.roles.includes('admin') ? 'auth.apiTokens.adminMaxDays' : 'auth.apiTokens.maxDays';
    throw new AppError('FORBIDDEN', `a token you create may live at most ${policy.maxDays} days (${key}); choose a shorter expiry`);
  }
  return createApiToken(userId, input);
}

export type ApiTokenSummary = {
  id: string;
  name: string;
  prefix: string;
  scope: Scope;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
};

/** Creates a personal token; the plain token is returned once and never stored. */
export async function createApiToken(
  userId: string,
  input: { name: string; scope: Scope; expiresInDays: number | null },
): Promise<{ token: string; summary: ApiTokenSummary }> {
  const prisma = await getPrisma();
  const token = generateToken(PAT_PREFIX);
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await prisma.apiToken.create({
    data: {
      userId,
      name: input.name,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, PAT_PREFIX.length + 6),
      scope: input.scope,
      expiresAt,
    },
  });
  return { token, summary: toSummary(row) };
}

export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  const prisma = await getPrisma();
  const rows = await prisma.apiToken.findMany({ where: { userId }, orderBy: { createdAt: 'desc' } });
  return rows.map(toSummary);
}

/** Revokes one of the user's own tokens (another user's token id is "not found", not a hint). */
export async function revokeApiToken(userId: string, id: string): Promise<{ name: string; prefix: string }> {
  const prisma = await getPrisma();
  const { count } = await prisma.apiToken.updateMany({ where: { id, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (count === 0) throw new AppError('NOT_FOUND', 'no such active token');
  return prisma.apiToken.findUniqueOrThrow({ where: { id }, select: { name: true, prefix: true } });
}

function toSummary(row: {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
}): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: row.scope === 'write' ? 'write' : 'read',
    expiresAt: row.expiresAt,
    lastUsedAt: row.lastUsedAt,
    revokedAt: row.revokedAt,
    createdAt: row.createdAt,
  };
}

function serviceActor(name: string, scope: Scope): Actor {
  // As Backstage's static tokens: a write-scope service token may do everything (register, delete,
  // …); apiRoute writes every mutating request it makes to the audit log. A read-scope one only reads.
  return {
    id: `service:${name}`,
    name,
    kind: 'service',
    userRef: null,
    roles: scope === 'write' ? ['admin'] : ['member'],
    leadOf: [],
    scope,
  };
}

/**
 * The actor of a bearer token, or UNAUTHENTICATED with the reason (unknown, revoked, expired).
 * Service tokens are compared in constant time against every configured one.
 */
export async function actorFromBearer(token: string): Promise<Actor> {
  let service: Actor | null = null;
  for (const t of getConfig().auth.serviceTokens) if (secretsEqual(token, t.token)) service = serviceActor(t.name, t.scope);
  if (service) return service;

  const prisma = await getPrisma();
  const row = await prisma.apiToken.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { user: { select: { id: true, name: true, login: true, entityRef: true } } },
  });
  if (!row) throw new AppError('UNAUTHENTICATED', 'the bearer token is not valid');
  if (row.revokedAt) throw new AppError('UNAUTHENTICATED', 'the bearer token was revoked');
  if (row.expiresAt && row.expiresAt < new Date()) throw new AppError('UNAUTHENTICATED', 'the bearer token has expired');
  // Coarse last-used stamp (once a minute) so API traffic does not turn every read into a write.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return userActor(row.user, row.scope === 'write' ? 'write' : 'read');
}
