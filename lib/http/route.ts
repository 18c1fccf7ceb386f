import 'server-only';
import { recordAudit, recordRefusal } from '@/lib/auth/audit';
import { authorize, currentActor, refusedTarget } from '@/lib/auth/authorize';
import { READ_PERMISSIONS, type Actor, type Permission } from '@/lib/auth/permissions';
import { AppError, isAppError } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';

/**
 * Wraps a route handler: authenticate (session cookie or bearer token, from the request itself),
 * check the permission, run; a refused mutating request (403) is written to the audit log, and so
 * is every mutating request made with a service token, whatever its outcome. AppErrors become JSON
 * in Backstage's error shape (what @backstage/catalog-client's ResponseError reads), anything else
 * a 500 without internals, logged once with the request id.
 */
export function apiRoute<C>(permission: Permission, handler: (req: Request, ctx: C, actor: Actor) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    let actor: Actor | undefined;
    let res: Response | undefined;
    try {
      actor = await currentActor(req);
      authorize(actor, permission);
      res = await handler(req, ctx, actor);
      return res;
    } catch (err) {
      if (actor && isAppError(err) && err.code === 'FORBIDDEN' && isMutation(req, permission)) {
        await recordRefusal(actor, `${req.method} ${new URL(req.url).pathname}`, err.message, refusedTarget(err));
      }
      res = errorResponse(req, err);
      return res;
    } finally {
      if (actor?.kind === 'service' && isMutation(req, permission)) await auditServiceRequest(req, actor, res?.status ?? 500);
    }
  };
}

/** Reads sent as POST (by-refs, the predicate queries) are reads: only mutating routes are audited. */
function isMutation(req: Request, permission: Permission): boolean {
  return !READ_PERMISSIONS.includes(permission) && !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
}

function auditServiceRequest(req: Request, actor: Actor, status: number): Promise<void> {
  return recordAudit(actor, { action: `api.${req.method.toLowerCase()}`, target: new URL(req.url).pathname, details: { status, permissionScope: actor.scope } });
}

/** An error as JSON in Backstage's error shape; exported for route handlers outside apiRoute. */
export function errorResponse(req: Request, err: unknown): Response {
  const status = isAppError(err) ? err.status : 500;
  if (!isAppError(err)) {
    // Read from the request itself (not next/headers) so handlers also run outside Next (tests).
    const reqId = req.headers.get('x-request-id');
    getLogger().error({ err, reqId, path: new URL(req.url).pathname }, 'API request failed');
  }
  const name = isAppError(err) ? errorName(err) : 'Error';
  const message = isAppError(err) ? err.message : 'Internal server error';
  return Response.json(
    { error: { name, message }, request: { method: req.method, url: new URL(req.url).pathname }, response: { statusCode: status } },
    { status },
  );
}

function errorName(err: AppError): string {
  return (
    { BAD_REQUEST: 'InputError', UNPROCESSABLE: 'InputError', NOT_FOUND: 'NotFoundError', CONFLICT: 'ConflictError', FORBIDDEN: 'NotAllowedError', UNAUTHENTICATED: 'AuthenticationError', PAYLOAD_TOO_LARGE: 'InputError', UNAVAILABLE: 'ServiceUnavailableError' } as const
  )[err.code];
}

/** Parses a JSON body or throws a 400 that says what is wrong; `optional`: an empty body is undefined. */
export async function readJson(req: Request, maxBytes = 1_048_576, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `request body is over ${maxBytes} bytes`);
  if (options.optional && text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'request body is not valid JSON');
  }
}
