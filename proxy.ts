import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAMES } from '@/lib/auth/session-cookie';
import { API_POLICY, baseSecurityHeaders, createNonce, isHttps, pagePolicy } from '@/lib/http/security-headers';

// Two jobs before routing. 1. Security headers on every answer: pages get a CSP with a fresh nonce
// (passed to Next in the request's own CSP header, which is where Next reads it), API answers a
// policy that loads nothing. 2. A convenience, not the security boundary: requests with no session
// cookie and no bearer token are turned away early (browser → sign-in page, API → 401 JSON).
// currentActor(), apiRoute and createAction decide on the server for every request, whatever
// passes here.

// A docs site's files answer with their own sandbox policy (app/api/docs/…/assets): one set here
// would replace it.
const OWN_POLICY = /^\/api\/docs\/[^/]+\/[^/]+\/[^/]+\/assets\//;

const PUBLIC = [/^\/api\/health$/, /^\/api\/webhooks\/github$/, /^\/api\/auth(\/|$)/, /^\/sign-in(\/|$)/];

export function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const api = pathname.startsWith('/api/');
  const nonce = api ? '' : createNonce();
  const policy = api ? API_POLICY : pagePolicy(nonce, { dev: process.env.NODE_ENV === 'development' });
  const res = route(req, api, policy);
  if (!OWN_POLICY.test(pathname)) res.headers.set('Content-Security-Policy', policy);
  for (const [name, value] of Object.entries(baseSecurityHeaders(isHttps(req.nextUrl, req.headers.get('x-forwarded-proto')))))
    res.headers.set(name, value);
  return res;
}

function route(req: NextRequest, api: boolean, policy: string): NextResponse {
  const { pathname, search } = req.nextUrl;
  const hasSession = SESSION_COOKIE_NAMES.some((name) => req.cookies.has(name));
  if (PUBLIC.some((p) => p.test(pathname)) || hasSession || req.headers.has('authorization')) {
    const headers = new Headers(req.headers);
    headers.set('Content-Security-Policy', policy);
    return NextResponse.next({ request: { headers } });
  }
  if (api) {
    const message = 'sign in, or send an API token as "Authorization: Bearer <token>"';
    return NextResponse.json(
      { error: { name: 'AuthenticationError', message }, request: { method: req.method, url: pathname }, response: { statusCode: 401 } },
      { status: 401 },
    );
  }
  const signIn = new URL('/sign-in', req.url);
  signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except Next's static assets and the app's icons (next.config.mjs gives those the
  // headers that do not need a nonce). Not "any path ending in .js": an entity may be named `app.js`,
  // and its page needs its nonce CSP like any other.
  matcher: ['/((?!_next/static/|_next/image|favicon\\.ico$|icon\\.svg$).*)'],
};
