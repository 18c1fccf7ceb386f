import { randomUUID } from 'node:crypto';
import { getPrisma } from '@/lib/db/client';
import { createApiToken } from '@/lib/auth/api-tokens';
import { createSession } from '@/lib/auth/sessions';
import { sessionCookieName } from '@/lib/auth/session-cookie';

// Signing in for integration tests, honestly: a real User row and a real Session row in the test
// database, and the cookie a browser would send. Server actions read the request's headers through
// next/headers, which only exists inside Next; a test file mocks it with this module's jar:
//
//   vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());
//
// and then `await signInAs({ login: 'admin' })` before calling the action. currentActor() does the
// same session lookup, role and lead resolution as in production.

const jar = { headers: new Headers() };

export function nextHeadersModule() {
  return {
    headers: async () => jar.headers,
    cookies: async () => ({
      get: (name: string) => {
        const m = (jar.headers.get('cookie') ?? '').split('; ').find((c) => c.startsWith(`${name}=`));
        return m ? { name, value: m.slice(name.length + 1) } : undefined;
      },
      set: () => undefined,
      delete: () => undefined,
    }),
  };
}

export type TestUser = { id: string; login: string; entityRef: string | null };

/** A portal user (as GitHub or local sign-in would create it). */
export async function createTestUser(input: { login?: string; entityRef?: string | null; name?: string } = {}): Promise<TestUser> {
  const prisma = await getPrisma();
  const login = input.login ?? `user-${randomUUID().slice(0, 8)}`;
  const data = { name: input.name ?? login, entityRef: input.entityRef ?? null };
  const row = await prisma.user.upsert({ where: { login }, create: { login, ...data }, update: data });
  return { id: row.id, login, entityRef: row.entityRef };
}

/** A Cookie header with a fresh session of the user. */
export async function sessionCookieFor(user: { id: string }): Promise<string> {
  const { token } = await createSession(user.id);
  return `${sessionCookieName(false)}=${token}`;
}

/** Makes the next server actions run as this user (a new session); returns the user. */
export async function signInAs(input: { login?: string; entityRef?: string | null } | TestUser): Promise<TestUser> {
  const user = 'id' in input ? input : await createTestUser(input);
  jar.headers = new Headers({ cookie: await sessionCookieFor(user) });
  return user;
}

/** The next server actions run with only `Authorization: Bearer <token>` (what an API client sends). */
export function useBearer(token: string): void {
  jar.headers = new Headers({ authorization: `Bearer ${token}` });
}

/** The next server actions run with no session at all. */
export function signOut(): void {
  jar.headers = new Headers();
}

/** A personal access token of the user. */
export async function tokenFor(
  user: { id: string },
  scope: 'read' | 'write',
  expiresInDays: number | null = 30,
): Promise<{ token: string; id: string }> {
  const { token, summary } = await createApiToken(user.id, { name: `test-${scope}`, scope, expiresInDays });
  return { token, id: summary.id };
}
