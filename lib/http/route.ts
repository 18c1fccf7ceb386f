import 'server-only';
import { recordAudit, recordRefusal } from '@/lib/auth/audit';
import { currentActor, refusedTarget, refuseCrossSiteWrite } from '@/lib/auth/authorize';
import { assertNamesRecord, authorizeAccess, type Access, type RecordOf } from '@/lib/auth/guard';
import { READ_PERMISSIONS, type Actor, type Permission, type RolePermission } from '@/lib/auth/permissions';
import { AppError, isAppError } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';
import { textResponse } from './response-text';

/**
 * Wraps a route handler with the steps of every server action (lib/auth/action.ts): authenticate
 * (session cookie or bearer token, from the request itself; a cookie's write must come from the
 * portal's origin), check the role, load the record the
 * request names and check the permission on it, then run with the record. The body and query are
 * parsed by the handler's lib function (zod, with Backstage's error shapes). `access` is a
 * permission the role alone grants, or a function of the request naming the permission and its
 * record. A refused mutating request (403) is written to the audit log, and so is every mutating
 * request made with a service token, whatever its outcome. AppErrors become JSON in Backstage's
 * error shape (what @backstage/catalog-client's ResponseError reads), anything else a 500 without
 * internals, logged once with the request id.
 */
export function apiRoute<C, A extends Access = Access>(
  access: RolePermission | ((req: Request, ctx: C) => A | Promise<A>),
  handler: (req: Request, ctx: C, actor: Actor, record: RecordOf<A>) => Promise<Response>,
) {
  assertNamesRecord(access);
  return async (req: Request, ctx: C): Promise<Response> => {
    let actor: Actor | undefined;
    let res: Response | undefined;
    let permission: Permission | undefined = typeof access === 'string' ? access : undefined;
    try {
      actor = await currentActor(req);
      refuseCrossSiteWrite(req);
      const resolved = await (typeof access === 'function' ? access(req, ctx) : ({ permission: access } as A));
      permission = resolved.permission;
      const record = await authorizeAccess(actor, resolved);
      res = await handler(req, ctx, actor, record);
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
function isMutation(req: Request, permission: Permission | undefined): boolean {
  return (!permission || !READ_PERMISSIONS.includes(permission)) && !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
}

function auditServiceRequest(req: Request, actor: Actor, status: number): Promise<void> {
  return recordAudit(actor, {
    action: `api.${req.method.toLowerCase()}`,
    target: new URL(req.url).pathname,
    details: { status, permissionScope: actor.scope },
  });
}

/** An answer whose JSON text is already written (Response.json's content type). */
export function jsonTextResponse(json: string, init?: { status?: number; headers?: Record<string, string> }): Response {
  return textResponse(json, { status: init?.status, headers: { 'content-type': 'application/json', ...init?.headers } });
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
    {
      BAD_REQUEST: 'InputError',
      UNPROCESSABLE: 'InputError',
      NOT_FOUND: 'NotFoundError',
      CONFLICT: 'ConflictError',
      FORBIDDEN: 'NotAllowedError',
      UNAUTHENTICATED: 'AuthenticationError',
      PAYLOAD_TOO_LARGE: 'InputError',
      UNAVAILABLE: 'ServiceUnavailableError',
    } as const
  )[err.code];
}

/** Parses a JSON body or throws a 400 that says what is wrong; `optional`: an empty body is undefined. */
export async function readJson(req: Request, maxBytes = 1_048_576, options: { optional?: boolean } = {}): Promise<unknown> {
  const text = (await readBytes(req, maxBytes)).toString('utf8');
  if (options.optional && text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('BAD_REQUEST', 'request body is not valid JSON');
  }
}

/**
 * The body, refused with 413 once it passes `maxBytes`: by its Content-Length before reading
 * anything, else as soon as the bytes read pass the limit (the rest is never buffered).
 */
export async function readBytes(req: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', `request body is over ${maxBytes} bytes`);
  if (Number(req.headers.get('content-length') ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let part = await reader.read(); !part.done; part = await reader.read()) {
    size += part.value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(part.value);
  }
  return Buffer.concat(chunks);
}
