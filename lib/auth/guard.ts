import 'server-only';
import { AppError } from '@/lib/errors';
import { authorize } from './authorize';
import { isOwnerScoped, type Actor, type OwnerScopedPermission, type Permission, type RolePermission } from './permissions';
import type { EntityRecord } from './records';

// The steps every server action (action.ts) and route handler (lib/http/route.ts) share, after
// authentication and input parsing: check the role once, load the record, check the permission on
// that record. A handler receives the record only after it passed.

/** One record an action or route acts on: how to load it, and who may use a permission on it. */
export type RecordAccess<R> = {
  /** The record's name in messages and the audit log: an entity ref, `task:<id>`, … */
  target: string;
  /** The record, or null when there is none (a NOT_FOUND with `missing`). */
  load(): Promise<R | null>;
  missing: string;
  /** After the role check passed: throws FORBIDDEN when the actor may not use the permission on this record. */
  check(actor: Actor, permission: Permission, record: R): Promise<void> | void;
};

/**
 * What an action or route needs: a permission, and the record it is used on. An owner-scoped
 * permission (editing or deleting an entity) cannot be named without the entity.
 */
export type Access =
  | { permission: OwnerScopedPermission; record: RecordAccess<EntityRecord> }
  | { permission: RolePermission; record?: RecordAccess<unknown> };

/** The record type an Access yields (undefined when it names none). */
export type RecordOf<A> = A extends { record: RecordAccess<infer R> } ? R : undefined;

/**
 * Role (once), then load, then the record check; returns the record. Throws FORBIDDEN or NOT_FOUND
 * as AppErrors; the callers turn them into results or responses and audit the refusals.
 */
export async function authorizeAccess<A extends Access>(actor: Actor, access: A): Promise<RecordOf<A>> {
  // The role first: without it the caller learns nothing about the record, not even whether it exists.
  authorize(actor, access.permission, access.record?.target);
  if (!access.record) {
    // A bug, not a refusal: the types already forbid it; this catches casts and plain JavaScript.
    if (isOwnerScoped(access.permission))
      throw new Error(`${access.permission} is checked on an entity, and this action or route names none`);
    return undefined as RecordOf<A>;
  }
  const { record: rule } = access as { record: RecordAccess<unknown> };
  const record = await rule.load();
  if (record === null) throw new AppError('NOT_FOUND', rule.missing);
  await rule.check(actor, access.permission, record);
  return record as RecordOf<A>;
}

/** The access of an action or route: a plain role permission, or a function of its input. */
export function accessOf<I, A extends Access>(access: RolePermission | ((input: I) => A | Promise<A>), input: I): Promise<A> | A {
  return typeof access === 'function' ? access(input) : ({ permission: access } as A);
}

/** At definition: an owner-scoped permission given as a bare permission (a cast got past the types) is a bug. */
export function assertNamesRecord(access: unknown): void {
  if (typeof access === 'string' && isOwnerScoped(access as Permission))
    throw new Error(`${access} is checked on an entity: give access as a function of the input that names its record`);
}
