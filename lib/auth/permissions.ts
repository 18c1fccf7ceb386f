// Permissions are data: a role → permission map, checked on the server for every action and route.
// Roles: admin (everything), lead (of a Group: edits what that group owns), member (reads, refreshes,
// registers). Sign-in and the lead/ownership checks on specific records arrive with the auth issue;
// the check already runs at every call site through `authorize`.

export const PERMISSIONS = [
  'catalog.read',
  'catalog.refresh',
  'catalog.location.create',
  'catalog.location.delete',
  'catalog.entity.create',
  'catalog.entity.update',
  'catalog.entity.delete',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Role = 'admin' | 'lead' | 'member';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: ['catalog.read', 'catalog.refresh', 'catalog.location.create', 'catalog.entity.create', 'catalog.entity.update', 'catalog.entity.delete'],
  member: ['catalog.read', 'catalog.refresh', 'catalog.location.create'],
};

export type Actor = { id: string; name: string; roles: Role[] };

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}
