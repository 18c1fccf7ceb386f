import 'server-only';
import type { z } from 'zod';
import { authorize, currentActor } from '@/lib/auth/authorize';
import type { Actor, Permission } from '@/lib/auth/permissions';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';

/** `code` (FORBIDDEN, UNAUTHENTICATED, NOT_FOUND, …) says which kind of expected failure it was. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: string; code?: ErrorCode; fieldErrors?: Record<string, string[]> };

/**
 * Every server action goes through here, in this order: authenticate (the browser session),
 * parse input with zod,
 * check the permission, then run. Expected failures come back as values with a message that
 * says what to fix; bugs are logged and shown as a generic failure.
 */
export function createAction<S extends z.ZodType, T>(
  options: { name: string; schema: S; permission: Permission },
  run: (input: z.infer<S>, actor: Actor) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    // Authenticate first: an unauthenticated caller learns nothing, not even about its input.
    let actor: Actor;
    try {
      actor = await currentActor();
    } catch (err) {
      if (isAppError(err)) return { ok: false, error: err.message, code: err.code };
      throw err;
    }
    const parsed = options.schema.safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join('.') || '_'] ??= []).push(issue.message);
      return { ok: false, error: 'Some fields need fixing.', code: 'BAD_REQUEST', fieldErrors };
    }
    try {
      authorize(actor, options.permission);
      return { ok: true, data: await run(parsed.data, actor) };
    } catch (err) {
      if (isAppError(err)) return { ok: false, error: err.message, code: err.code, ...fieldErrorsOf(err.details) };
      getLogger().error({ err, action: options.name, actor: actor.id }, 'server action failed');
      return { ok: false, error: 'Something went wrong on the server; the error was logged.' };
    }
  };
}

/** Field errors an AppError carries as `details.fieldErrors: { field, message }[]`, keyed by field. */
function fieldErrorsOf(details: unknown): { fieldErrors?: Record<string, string[]> } {
  const list = (details as { fieldErrors?: unknown } | undefined)?.fieldErrors;
  if (!Array.isArray(list)) return {};
  const fieldErrors: Record<string, string[]> = {};
  for (const e of list as { field: string; message: string }[]) (fieldErrors[e.field] ??= []).push(e.message);
  return { fieldErrors };
}
