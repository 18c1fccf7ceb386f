import 'server-only';
import { authorize, currentActor } from '@/lib/auth/authorize';
import type { Actor, Permission } from '@/lib/auth/permissions';
import { AppError, isAppError } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';

/**
 * Wraps a route handler: authenticate, check the permission, run; AppErrors become JSON in
 * Backstage's error shape (what @backstage/catalog-client's ResponseError reads), anything else a
 * 500 without internals, logged once with the request id.
 */
export function apiRoute<C>(permission: Permission, handler: (req: Request, ctx: C, actor: Actor) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      const actor = await currentActor();
      authorize(actor, permission);
      return await handler(req, ctx, actor);
    } catch (err) {
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
  };
}

function errorName(err: AppError): string {
  return (
    { BAD_REQUEST: 'InputError', UNPROCESSABLE: 'InputError', NOT_FOUND: 'NotFoundError', CONFLICT: 'ConflictError', FORBIDDEN: 'NotAllowedError', UNAUTHENTICATED: 'AuthenticationError', PAYLOAD_TOO_LARGE: 'InputError', UNAVAILABLE: 'ServiceUnavailableError' } as const
  )[err.code];
}

/** Parses a JSON body or throws a 400 that says what is wrong. */
export async function readJson(req: Request, maxBytes = 1_048_576): Promise<unknown> {
  const text = await req.text();
  if (text.length > maxBytes) throw new AppError('PAYLOAD_TOO_LARGE', `request body is over ${maxBytes} bytes`);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'request body is not valid JSON');
  }
}
