import 'server-only';
import type { Adapter, AdapterAccount, AdapterSession, AdapterUser } from 'next-auth/adapters';
import { getPrisma } from '@/lib/db/client';
import { resolveIdentity } from './resolve';
import { sha256Hex } from './secrets';

// next-auth's database adapter over our Prisma client (generated/prisma, driver adapters), written
// here rather than @next-auth/prisma-adapter so that no secret reaches the database in clear:
// - Session.sessionToken holds the SHA-256 of the cookie value (lib/auth/sessions.ts reads it so);
// - Account keeps the link (provider, providerAccountId) only: GitHub's access token is not stored,
//   Wayfinder never calls GitHub as the user after sign-in.

type UserRow = {
  id: string;
  name: string | null;
  email: string | null;
  emailVerified: Date | null;
  image: string | null;
  login: string | null;
};

function toAdapterUser(u: UserRow): AdapterUser {
  // next-auth types email as string; a GitHub user without a public email has none.
  return { id: u.id, name: u.name, email: u.email ?? '', emailVerified: u.emailVerified, image: u.image };
}

/** The GitHub login travels on the user object from the provider's profile() (see next-auth-options). */
type WithLogin = { login?: string | null };

/**
 * GitHub logins can be renamed, and a freed one taken by another account: a login belongs to the
 * GitHub account signing in with it now. A row of another GitHub account that still holds it lets
 * go of it (that person gets their new login back at their next sign-in), so createUser never hands
 * that row, its tokens and its sessions to the newcomer; and a returning account's row takes the
 * login it signs in with.
 */
export async function claimLogin(login: string, githubAccountId: string): Promise<void> {
  const prisma = await getPrisma();
  const [mine, holder] = await Promise.all([
    prisma.account.findUnique({ where: { provider_providerAccountId: { provider: 'github', providerAccountId: githubAccountId } } }),
    prisma.user.findUnique({ where: { login }, include: { accounts: { where: { provider: 'github' } } } }),
  ]);
  // A row only local sign-in made (no GitHub account) is this person's to adopt (createUser).
  const heldByAnother = holder && holder.id !== mine?.userId && (mine || holder.accounts.length > 0);
  await prisma.$transaction([
    ...(heldByAnother ? [prisma.user.update({ where: { id: holder.id }, data: { login: null, entityRef: null } })] : []),
    ...(mine && holder?.id !== mine.userId ? [prisma.user.update({ where: { id: mine.userId }, data: { login } })] : []),
  ]);
}

export function wayfinderAdapter(): Adapter {
  return {
    async createUser(user: Omit<AdapterUser, 'id'>) {
      const prisma = await getPrisma();
      const login = (user as WithLogin).login?.toLowerCase() ?? null;
      const identity = login ? await resolveIdentity(login) : null;
      const entityRef = identity?.status === 'found' ? identity.ref : null;
      const email = user.email || null;
      // Someone who used local sign-in before has a row with this login already: adopt it.
      const existing = login ? await prisma.user.findUnique({ where: { login } }) : null;
      const emailTaken = email
        ? await prisma.user.findFirst({ where: { email, NOT: existing ? { id: existing.id } : undefined }, select: { id: true } })
        : null;
      const data = { name: user.name ?? login, email: emailTaken ? null : email, image: user.image ?? null, login, entityRef };
      const row = existing ? await prisma.user.update({ where: { id: existing.id }, data }) : await prisma.user.create({ data });
      return toAdapterUser(row);
    },
    async getUser(id) {
      const prisma = await getPrisma();
      const row = await prisma.user.findUnique({ where: { id } });
      return row ? toAdapterUser(row) : null;
    },
    // Accounts are linked by provider id only; matching by e-mail would let a GitHub account with
    // someone's address take over their portal identity.
    async getUserByEmail() {
      return null;
    },
    async getUserByAccount({ provider, providerAccountId }) {
      const prisma = await getPrisma();
      const account = await prisma.account.findUnique({
        where: { provider_providerAccountId: { provider, providerAccountId } },
        include: { user: true },
      });
      return account ? toAdapterUser(account.user) : null;
    },
    async updateUser(user) {
      const prisma = await getPrisma();
      const row = await prisma.user.update({
        where: { id: user.id },
        data: { name: user.name ?? undefined, image: user.image ?? undefined },
      });
      return toAdapterUser(row);
    },
    async linkAccount(account: AdapterAccount) {
      const prisma = await getPrisma();
      await prisma.account.upsert({
        where: { provider_providerAccountId: { provider: account.provider, providerAccountId: account.providerAccountId } },
        create: {
          userId: account.userId,
          type: account.type,
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          scope: account.scope ?? null,
        },
        update: { userId: account.userId, scope: account.scope ?? null },
      });
    },
    async createSession(session) {
      const prisma = await getPrisma();
      await prisma.session.create({
        data: { sessionToken: sha256Hex(session.sessionToken), userId: session.userId, expires: session.expires },
      });
      return session;
    },
    async getSessionAndUser(sessionToken) {
      const prisma = await getPrisma();
      const row = await prisma.session.findUnique({ where: { sessionToken: sha256Hex(sessionToken) }, include: { user: true } });
      if (!row) return null;
      const session: AdapterSession = { sessionToken, userId: row.userId, expires: row.expires };
      return { session, user: toAdapterUser(row.user) };
    },
    async updateSession(session) {
      const prisma = await getPrisma();
      const row = await prisma.session.update({
        where: { sessionToken: sha256Hex(session.sessionToken) },
        data: { expires: session.expires },
      });
      return { sessionToken: session.sessionToken, userId: row.userId, expires: row.expires };
    },
    async deleteSession(sessionToken) {
      const prisma = await getPrisma();
      await prisma.session.deleteMany({ where: { sessionToken: sha256Hex(sessionToken) } });
    },
  };
}
