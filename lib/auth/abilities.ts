import 'server-only';
import { isAppError } from '@/lib/errors';
import { authorize, authorizeEntity, currentActor, whoMayChange } from './authorize';
import { owningGroupChain } from './resolve';
import { isOwnerScoped, type Actor, type Permission } from './permissions';

// What the signed-in person may do, for the UI: a control they may not use is hidden or disabled
// with the reason. Only a courtesy: every action and route checks again on the server.

/** Why a person without the permission may not act, in words for a tooltip. */
const REASONS: Partial<Record<Permission, string>> = {
  'catalog.entity.create': 'Only admins and group leads can create entities in the portal; register a catalog-info.yaml instead.',
  'catalog.location.delete': 'Only admins can unregister locations.',
  'auth.lead.manage': 'Only admins can appoint group leads.',
  'audit.read': 'Only admins can read the whole audit log.',
};

const sentence = (s: string) => `${s.charAt(0).toUpperCase()}${s.slice(1)}${s.endsWith('.') ? '' : '.'}`;

/** null when the actor may; otherwise why not. With `entityRef`, the check on that record. */
export async function whyNot(actor: Actor, permission: Permission, entityRef?: string): Promise<string | null> {
  try {
    if (entityRef) await authorizeEntity(actor, permission, entityRef);
    else authorize(actor, permission);
    return null;
  } catch (err) {
    if (!isAppError(err) || err.code !== 'FORBIDDEN') throw err;
    // A member without the role still learns whom to ask: the owning group's leads.
    if (entityRef && isOwnerScoped(permission) && actor.scope !== 'read')
      return sentence(whoMayChange(entityRef.toLowerCase(), await owningGroupChain(entityRef.toLowerCase())));
    return REASONS[permission] ?? sentence(err.message);
  }
}

/** The same for the person signed in to this request. */
export async function whyNotNow(permission: Permission, entityRef?: string): Promise<string | null> {
  return whyNot(await currentActor(), permission, entityRef);
}
