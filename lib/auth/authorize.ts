import 'server-only';
import { AppError } from '@/lib/errors';
import { can, type Actor, type Permission } from './permissions';

/**
 * The signed-in actor. Until GitHub sign-in lands (auth issue), a Wayfinder instance has no users:
 * every request acts as the one local operator, with the admin role. Every action and route already
 * asks here, so sign-in replaces this function and nothing else.
 */
export async function currentActor(): Promise<Actor> {
  return { id: 'local', name: 'Local operator', roles: ['admin'] };
}

/** Throws FORBIDDEN unless the actor holds the permission. */
export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN', `you do not have the ${permission} permission`);
}
