import 'server-only';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { getEnv } from '@/lib/env';
import { generateToken, sha256Hex } from './secrets';
import { readCookie, sessionCookieName, SESSION_COOKIE_NAMES } from './session-cookie';

// Database sessions, as next-auth's database strategy keeps them, with one difference: the Session
// row holds the SHA-256 of the cookie value (lib/auth/adapter.ts does the same for next-auth), so
// the database never holds a usable session token.

export type SessionUser = { id: string; name: string | null; login: string | null; entityRef: string | null };

export function secureCookies(): boolean {
  return getEnv().NEXTAUTH_URL?.startsWith('https://') ?? false;
}

export function sessionMaxAgeSeconds(): number {
  return getConfig().auth.sessionMaxAgeDays * 24 * 60 * 60;
}

/** Cookie attributes for the session cookie, as next-auth sets them. */
export function sessionCookie(token: string, expires: Date) {
  const secure = secureCookies();
  return {
    name: sessionCookieName(secure),
    value: token,
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, expires },
  };
}

/** Creates a session for a user; returns the token for the cookie (shown to nobody else). */
export async function createSession(userId: string): Promise<{ token: string; expires: Date }> {
  const prisma = await getPrisma();
  const token = generateToken('');
  const expires = new Date(Date.now() + sessionMaxAgeSeconds() * 1000);
  await prisma.session.create({ data: { sessionToken: sha256Hex(token), userId, expires } });
  return { token, expires };
}

/** The session token a request carries, if any. */
export function sessionTokenFrom(cookieHeader: string | null): string | undefined {
  for (const name of SESSION_COOKIE_NAMES) {
    const v = readCookie(cookieHeader, name);
    if (v) return v;
  }
  return undefined;
}

/** The user of a live session; expired sessions are removed on sight. */
export async function findSessionUser(token: string): Promise<SessionUser | null> {
  const prisma = await getPrisma();
  const row = await prisma.session.findUnique({
    where: { sessionToken: sha256Hex(token) },
    select: { id: true, expires: true, user: { select: { id: true, name: true, login: true, entityRef: true } } },
  });
  if (!row) return null;
  if (row.expires < new Date()) {
    await prisma.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  return row.user;
}

/** Deletes expired sessions (a session nobody presents again is otherwise kept for ever). */
export async function pruneExpiredSessions(now = new Date()): Promise<number> {
  const { count } = await (await getPrisma()).session.deleteMany({ where: { expires: { lt: now } } });
  return count;
}

export async function deleteSession(token: string): Promise<void> {
  const prisma = await getPrisma();
  await prisma.session.deleteMany({ where: { sessionToken: sha256Hex(token) } });
}
