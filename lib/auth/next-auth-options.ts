import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import GithubProvider, { type GithubProfile } from 'next-auth/providers/github';
import { getConfig } from '@/lib/config/load-config';
import { getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { githubIntegrations } from '@/lib/github/integrations';
import { getLogger } from '@/lib/observability/logger';
import { claimLogin, wayfinderAdapter } from './adapter';
import { safeCallbackPath } from './callback-url';
import { resolveIdentity } from './resolve';
import { sessionCookieName } from './session-cookie';
import { secureCookies, sessionMaxAgeSeconds } from './sessions';

// next-auth 4 with GitHub as the one OAuth provider. Every URL comes from the integrations.github
// entry of auth.github.host, so GitHub Enterprise Server and the local stand-in work: the provider's
// defaults (github.com, and api.github.com for /user and /user/emails) are all overridden.

export const UNKNOWN_USER_PATH = '/sign-in/unknown-user';
export const AMBIGUOUS_USER_PATH = '/sign-in/ambiguous-user';

export function githubEndpoints(host: string): { webBaseUrl: string; apiBaseUrl: string } {
  const integration = githubIntegrations().find((g) => g.host === host);
  if (integration) return { webBaseUrl: integration.webBaseUrl, apiBaseUrl: integration.apiBaseUrl };
  if (host === 'github.com') return { webBaseUrl: 'https://github.com', apiBaseUrl: 'https://api.github.com' };
  throw new AppError('UNAVAILABLE', `auth.github.host is ${host}, but integrations.github has no entry with that host`);
}

async function fetchGithubProfile(apiBaseUrl: string, accessToken: string): Promise<GithubProfile> {
  const headers = { authorization: `Bearer ${accessToken}`, accept: 'application/vnd.github+json', 'user-agent': 'wayfinder' };
  const res = await fetch(`${apiBaseUrl}/user`, { headers });
  if (!res.ok) throw new Error(`GitHub ${apiBaseUrl}/user answered ${res.status}`);
  const profile = (await res.json()) as GithubProfile;
  if (!profile.email) {
    // Private e-mail: the primary one from /user/emails (scope user:email), on the same host.
    const emails = await fetch(`${apiBaseUrl}/user/emails`, { headers });
    if (emails.ok) {
      const list = (await emails.json()) as { email: string; primary: boolean }[];
      profile.email = (list.find((e) => e.primary) ?? list[0])?.email ?? null;
    }
  }
  return profile;
}

async function exchangeCode(
  url: string,
  app: { clientId: string; clientSecret: string },
  code: string,
  redirectUri: string,
): Promise<{ access_token: string; token_type: string; scope?: string }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: app.clientId, client_secret: app.clientSecret, code, redirect_uri: redirectUri }),
  });
  const body = (await res.json().catch(() => ({}))) as {
    access_token?: string;
    token_type?: string;
    scope?: string;
    error?: string;
    error_description?: string;
  };
  if (!res.ok || !body.access_token)
    throw new Error(`GitHub token exchange failed: ${body.error ?? res.status} ${body.error_description ?? ''}`.trim());
  return { access_token: body.access_token, token_type: body.token_type ?? 'bearer', scope: body.scope };
}

export function authOptions(): NextAuthOptions {
  const { auth } = getConfig();
  const secure = secureCookies();
  const providers: NextAuthOptions['providers'] = [];
  if (auth.github) {
    const { webBaseUrl, apiBaseUrl } = githubEndpoints(auth.github.host);
    providers.push(
      GithubProvider({
        clientId: auth.github.clientId,
        clientSecret: auth.github.clientSecret,
        issuer: `${webBaseUrl}/login/oauth`,
        authorization: { url: `${webBaseUrl}/login/oauth/authorize`, params: { scope: 'read:user user:email' } },
        // Our own exchange: GitHub answers form-encoded unless asked for JSON, and errors with 200.
        token: {
          url: `${webBaseUrl}/login/oauth/access_token`,
          request: async ({ params, provider }) => ({
            tokens: await exchangeCode(`${webBaseUrl}/login/oauth/access_token`, auth.github!, params.code ?? '', provider.callbackUrl),
          }),
        },
        userinfo: {
          url: `${apiBaseUrl}/user`,
          request: async ({ tokens }) => (await fetchGithubProfile(apiBaseUrl, tokens.access_token!)) as never,
        },
        profile: (p: GithubProfile) => ({ id: String(p.id), name: p.name ?? p.login, email: p.email, image: p.avatar_url, login: p.login }),
      }),
    );
  }
  return {
    adapter: wayfinderAdapter(),
    providers,
    secret: auth.sessionSecret,
    session: { strategy: 'database', maxAge: sessionMaxAgeSeconds() },
    useSecureCookies: secure,
    cookies: { sessionToken: { name: sessionCookieName(secure), options: { httpOnly: true, sameSite: 'lax', path: '/', secure } } },
    pages: { signIn: '/sign-in', error: '/sign-in', signOut: '/sign-in' },
    callbacks: {
      /** After sign-in (and sign-out) only somewhere on this portal: see callback-url.ts. */
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl)}`;
      },
      /**
       * Sign-in resolution: the GitHub login must be a trusted catalog User (or unknown users
       * allowed); a login two trusted Users claim is refused until an admin settles who it is.
       */
      async signIn({ profile, account }) {
        const login = (profile as GithubProfile | undefined)?.login?.toLowerCase();
        if (!login) return false;
        if (account?.provider === 'github') await claimLogin(login, account.providerAccountId);
        const identity = await resolveIdentity(login);
        if (identity.status === 'ambiguous') {
          getLogger().warn({ login, refs: identity.refs }, 'sign-in refused: several trusted User entities claim the GitHub login');
          return `${AMBIGUOUS_USER_PATH}?login=${encodeURIComponent(login)}`;
        }
        if (identity.status === 'unknown' && !auth.allowUnknownUsers) {
          getLogger().info({ login }, 'sign-in refused: GitHub login on no User entity');
          return `${UNKNOWN_USER_PATH}?login=${encodeURIComponent(login)}`;
        }
        // A returning user: the catalog may have changed since (annotation added, user renamed).
        const prisma = await getPrisma();
        await prisma.user.updateMany({ where: { login }, data: { entityRef: identity.status === 'found' ? identity.ref : null } });
        return true;
      },
    },
  };
}
