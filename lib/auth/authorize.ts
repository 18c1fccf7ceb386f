import 'server-only';
import { cache } from 'react';
import { getEnv } from '@/lib/env';
import { AppError, isAppError } from '@/lib/errors';
import { actorFromBearer } from './api-tokens';
import { can, isOwnerScoped, type Actor, type Permission } from './permissions';
import { owningGroupChain, userActor } from './resolve';
import { findSessionUser, sessionTokenFrom } from './sessions';

// Who is asking. The server decides on every request: proxy.ts only redirects early for comfort.
// A request carries a browser session (next-auth's cookie, a hashed Session row) or a bearer token
// (personal access token or configured service token).

type Credentials = { cookie: string | null; authorization: string | null };

async function requestCredentials(req?: Request): Promise<Credentials> {
  if (req) return { cookie: req.headers.get('cookie'), authorization: req.headers.get('authorization') };
  // Server components and server actions: the incoming request's headers.
  const { headers } = await import('next/headers');
  const h = await headers();
  return { cookie: h.get('cookie'), authorization: h.get('authorization') };
}

/** The signed-in actor, or null. A malformed or unknown bearer token is an error, not "anonymous". */
export async function findActor(req?: Request): Promise<Actor | null> {
  const { cookie, authorization } = await requestCredentials(req);
  if (authorization) {
    const m = /^Bearer\s+(\S+)$/i.exec(authorization.trim());
    if (!m) throw new AppError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <token>"');
    return actorFromBearer(m[1]);
  }
  return sessionActor(cookie);
}

/**
 * A browser sends the session cookie (SameSite=Lax) with a request from any page of the same site,
 * such as a form on a sibling subdomain posting to the API. So a cookie-authenticated request that
 * may change something must come from the portal's own origin, which browsers name in `Origin` (or
 * at least `Sec-Fetch-Site`). The portal's origin is the host the request was sent to (as the proxy
 * forwards it) or NEXTAUTH_URL's, the public URL. A request with neither header is not a page's, and
 * a token is never sent by a browser on its own. Server actions get the same check from Next. Called
 * once the person is known (apiRoute), so that the refusal is audited under their name.
 */
export function refuseCrossSiteWrite(req: Request): void {
  if (req.headers.has('authorization') || ['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return;
  const origin = req.headers.get('origin');
  const site = req.headers.get('sec-fetch-site');
  const host = req.headers.get('x-forwarded-host')?.split(',')[0].trim() || req.headers.get('host') || new URL(req.url).host;
  const publicUrl = getEnv().NEXTAUTH_URL;
  const portal = [host, publicUrl ? hostOf(publicUrl) : null].filter((h): h is string => h !== null);
  const from = origin === null ? null : hostOf(origin);
  const crossSite = origin !== null ? from === null || !portal.includes(from) : site !== null && site !== 'same-origin';
  if (crossSite)
    throw new AppError(
      'FORBIDDEN',
      `a ${req.method} with the portal's sign-in cookie from another origin (${origin ?? `Sec-Fetch-Site: ${site}`}) is refused; send it from the portal's own pages, or with an API token`,
    );
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    // `Origin: null` (a sandboxed frame, a file) names no host.
    return null;
  }
}

/**
 * The session's actor. Resolving it (identity, leads, admin team) takes several queries, and one page
 * render asks for it from the layout, the page and its controls: React's cache() keeps the answer
 * for the rest of the render (outside a render it is not cached).
 */
const sessionActor = cache(async (cookie: string | null): Promise<Actor | null> => {
  const token = sessionTokenFrom(cookie);
  if (!token) return null;
  const user = await findSessionUser(token);
  if (!user) return null;
  try {
    return await userActor(user, 'write');
  } catch (err) {
    // Someone the catalog no longer has: signed out (the sign-in page, or a 401), not an error page.
    if (isAppError(err) && err.code === 'UNAUTHENTICATED') return null;
    throw err;
  }
});

/** The signed-in actor; throws UNAUTHENTICATED (401) when the request has none. */
export async function currentActor(req?: Request): Promise<Actor> {
  const actor = await findActor(req);
  if (!actor) throw new AppError('UNAUTHENTICATED', 'sign in, or send an API token as "Authorization: Bearer <token>"');
  return actor;
}

/**
 * For pages: the signed-in actor, or a redirect to the sign-in page. Every page asks for itself, before
 * it reads anything: on a client navigation Next renders only the segments below the layouts the
 * browser already has, so the portal layout's check does not run for that request, and proxy.ts only
 * looks for a cookie's name.
 */
export async function pageActor(): Promise<Actor> {
  const actor = await findActor();
  if (actor) return actor;
  // Loaded here, not at the top: the API's routes never need it (~80 ms of start-up).
  const { redirect } = await import('next/navigation');
  return redirect('/sign-in');
}

/**
 * The person of the browser session, ignoring any bearer token: server actions run only for a
 * browser session, so a token (even a read-scope one) can never create, widen or revoke tokens or
 * do anything else the portal's forms do. API clients use the route handlers under /api/catalog.
 */
export async function currentSessionActor(): Promise<Actor> {
  const { cookie, authorization } = await requestCredentials();
  const actor = await sessionActor(cookie);
  if (actor) return actor;
  throw new AppError(
    'UNAUTHENTICATED',
    authorization ? 'this needs a signed-in browser session; API tokens work only on the REST API (/api/catalog)' : 'sign in to do this',
  );
}

/**
 * Throws FORBIDDEN unless the actor holds the permission. `target` (the record asked about) travels
 * in the error's details, so the audit row of the refusal names it.
 */
export function authorize(actor: Actor, permission: Permission, target?: string): void {
  if (can(actor, permission)) return;
  const details = target ? { target } : undefined;
  if (actor.scope === 'read' && can({ roles: actor.roles }, permission)) {
    throw new AppError('FORBIDDEN', `this token has the read scope; ${permission} needs a write-scope token`, details);
  }
  throw new AppError('FORBIDDEN', `you do not have the ${permission} permission`, details);
}

/** The record a refusal was about (see authorize), for the audit log. */
export function refusedTarget(err: AppError): string | null {
  const target = (err.details as { target?: unknown } | undefined)?.target;
  return typeof target === 'string' ? target : null;
}

/**
 * For pages: the signed-in actor when they hold the permission, else Next's 403 page (forbidden(),
 * app/(portal)/forbidden.tsx) instead of an error page, or the sign-in page when no one is signed in. Actions and routes use authorize().
 */
export async function actorWithPermission(permission: Permission): Promise<Actor> {
  const actor = await pageActor();
  if (!can(actor, permission)) (await import('next/navigation')).forbidden();
  return actor;
}

/**
 * Checks a permission on one entity, for pages and the UI's hints (actions and routes name the
 * entity as their record instead, see guard.ts): the role, then the owning group (checkEntityOwner).
 */
export async function authorizeEntity(actor: Actor, permission: Permission, entityRef: string): Promise<void> {
  authorize(actor, permission, entityRef.toLowerCase());
  await checkEntityOwner(actor, permission, entityRef);
}

/**
 * The record half of the check, after the role: ownership and metadata edits (catalog.entity.update)
 * and deletes are for admins and for leads of the entity's owning group or of any group above it
 * (childOf chain); other permissions need nothing more.
 */
export async function checkEntityOwner(actor: Actor, permission: Permission, entityRef: string): Promise<void> {
  if (!isOwnerScoped(permission) || actor.roles.includes('admin')) return;
  const ref = entityRef.toLowerCase();
  const chain = await owningGroupChain(ref);
  if (chain.some((g) => actor.leadOf.includes(g))) return;
  throw new AppError('FORBIDDEN', whoMayChange(ref, chain), { target: ref });
}

/** Who may change an entity (ownership-scoped permissions), from its owning group chain. */
export function whoMayChange(ref: string, chain: string[]): string {
  return chain[0]
    ? `only admins and leads of ${chain[0]} (or of a group above it) may change ${ref}`
    : `${ref} has no owning group; only admins may change it`;
}
