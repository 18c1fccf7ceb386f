import 'server-only';
import type { z } from 'zod';
import { isAppError, type ErrorCode } from '@/lib/errors';
import { recordActionUse } from './activity';
import { getLogger } from '@/lib/observability/logger';
import { recordRefusal } from './audit';
import { currentSessionActor, refusedTarget } from './authorize';
import { accessOf, assertNamesRecord, authorizeAccess, type Access, type RecordOf } from './guard';
import type { Actor, RolePermission } from './permissions';

/** `code` (FORBIDDEN, UNAUTHENTICATED, NOT_FOUND, …) says which kind of expected failure it was. */
export type ActionResult<T> =
  { ok: true; data: T } | { ok: false; error: string; code?: ErrorCode; fieldErrors?: Record<string, string[]> };

/** What an action's body receives besides its input: who asks, and the record it was allowed to act on. */
export type ActionContext<R> = { actor: Actor; record: R };

/**
 * Every server action goes through here, in this order: authenticate (the browser session only:
 * never a bearer token), parse input with zod, check the role, load the record the input names,
 * check the permission on that record, then run with the record. `access` is a permission that the
 * role alone grants, or a function of the parsed input naming the permission and its record
 * (`({ entityRef }) => ({ permission: 'catalog.entity.delete', record: entityRecord(entityRef) })`);
 * an owner-scoped permission without a record does not compile. Expected failures come back as
 * values with a message that says what to fix; a refusal (FORBIDDEN) is also written to the audit
 * log; bugs are logged and shown as a generic failure.
 */
export function createAction<S extends z.ZodType, A extends Access, T>(
  /** `recordUse: false` keeps the action out of the insights' most used actions (e.g. the page-view beacon). */
  options: { name: string; schema: S; access: RolePermission | ((input: z.infer<S>) => A | Promise<A>); recordUse?: boolean },
  run: (input: z.infer<S>, ctx: ActionContext<RecordOf<A>>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  assertNamesRecord(options.access);
  return async (input) => {
    // Authenticate first: an unauthenticated caller learns nothing, not even about its input.
    let actor: Actor;
    try {
      actor = await currentSessionActor();
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
      const record = await authorizeAccess(actor, await accessOf(options.access, parsed.data));
      const data = await run(parsed.data, { actor, record });
      if (options.recordUse !== false) await recordActionUse(actor, options.name);
      return { ok: true, data };
    } catch (err) {
      if (isAppError(err)) {
        if (err.code === 'FORBIDDEN') await recordRefusal(actor, options.name, err.message, refusedTarget(err));
        return { ok: false, error: err.message, code: err.code, ...fieldErrorsOf(err.details) };
      }
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
