import { NextResponse, type NextRequest } from 'next/server';
import { SESSION_COOKIE_NAMES } from '@/lib/auth/session-cookie';

// A convenience, not the security boundary: requests with no session cookie and no bearer token
// are turned away early (browser → sign-in page, API → 401 JSON). currentActor(), apiRoute and
// createAction decide on the server for every request, whatever passes here.

const PUBLIC = [/^\/api\/health$/, /^\/api\/webhooks\/github$/, /^\/api\/auth(\/|$)/, /^\/sign-in(\/|$)/];

export function proxy(req: NextRequest) {
  const { pathname, search } = req.nextUrl;
  if (PUBLIC.some((p) => p.test(pathname))) return NextResponse.next();
  const hasSession = SESSION_COOKIE_NAMES.some((name) => req.cookies.has(name));
  if (hasSession || req.headers.has('authorization')) return NextResponse.next();
  if (pathname.startsWith('/api/')) {
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
  // Everything except Next's static assets and files served from public/.
  matcher: ['/((?!_next/static|_next/image|favicon.ico|.*\\.(?:svg|png|jpg|ico|css|js|woff2?)$).*)'],
};
