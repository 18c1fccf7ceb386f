// Permissions are data: a role → permission map, checked on the server for every action and route.
// Roles: admin (everything), lead (of a Group: edits what that group owns, see authorizeEntity),
// member (reads, refreshes, registers). A token's scope narrows what its holder's roles grant: a
// read-scope token gets only the read permissions, whatever its owner may do in the browser.

export const PERMISSIONS = [
  'catalog.read',
  'catalog.refresh',
  'catalog.location.create',
  'catalog.location.delete',
  /** Register a github-org location: org sync is a source of identity and roles (admin only). */
  'catalog.location.orgSync',
  'catalog.entity.create',
  'catalog.entity.update',
  'catalog.entity.delete',
  'auth.lead.manage',
  /** The whole audit log (admin only: the entity page shows each entity's own history). */
  'audit.read',
  /** Run a template (create a scaffolder task; cancel and retry one's own). */
  'scaffolder.task.create',
  /** Every task of every user (admins); others see their own and their templates'. */
  'scaffolder.task.read-all',
  /** Adoption insights (/insights, /api/insights/*): admins and leads. */
  'insights.read',
  /** Open a pull request registering an unregistered repository (insights drill-down). */
  'insights.register',
  /** Answer "Was this useful?" on a page. */
  'feedback.create',
  /** Read and export the answers (admins). */
  'feedback.read',
  /** Write and edit scorecard definitions (admins). */
  'scorecards.edit',
  /** Set initiatives: admins for anyone, leads for the teams they lead (checked on the team). */
  'initiatives.create',
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Role = 'admin' | 'lead' | 'member';
export type Scope = 'read' | 'write';

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: PERMISSIONS,
  lead: [
    'catalog.read',
    'catalog.refresh',
    'catalog.location.create',
    'catalog.entity.create',
    'catalog.entity.update',
    'catalog.entity.delete',
    'scaffolder.task.create',
    'initiatives.create',
    'insights.read',
    'insights.register',
    'feedback.create',
  ],
  member: ['catalog.read', 'catalog.refresh', 'catalog.location.create', 'scaffolder.task.create', 'feedback.create'],
};

/**
 * Permissions that are checked on a record, never on the role alone: entity edits and deletes are
 * for admins and for leads of the entity's owning group (or a group above it). The action helper
 * refuses to build an action or route that uses one without naming its record.
 */
const OWNER_SCOPED = ['catalog.entity.update', 'catalog.entity.delete'] as const satisfies readonly Permission[];
export type OwnerScopedPermission = (typeof OWNER_SCOPED)[number];
/** Permissions a role grants on its own (the action or route may still name a record). */
export type RolePermission = Exclude<Permission, OwnerScopedPermission>;

export function isOwnerScoped(permission: Permission): permission is OwnerScopedPermission {
  return (OWNER_SCOPED as readonly Permission[]).includes(permission);
}

/** What a read-scope token may do: look, never change. */
export const READ_PERMISSIONS: readonly Permission[] = ['catalog.read', 'insights.read', 'feedback.read'];

export type Actor = {
  /** `user:<db id>`, `service:<name>` or `local` (tests). */
  id: string;
  name: string;
  kind: 'user' | 'service';
  /** GitHub login of a user. */
  login?: string;
  /** Canonical ref of the catalog User entity, null for an unknown user allowed in as a member. */
  userRef?: string | null;
  roles: Role[];
  /** Canonical refs of the groups this user leads (GroupLead rows). */
  leadOf: string[];
  scope: Scope;
};

export function can(actor: Pick<Actor, 'roles'> & { scope?: Scope }, permission: Permission): boolean {
  if (actor.scope === 'read' && !READ_PERMISSIONS.includes(permission)) return false;
  return actor.roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/**
 * Roles from facts: admin by configured login or admin-team membership, lead when the user leads
 * any group, member always (every signed-in person reads the catalog).
 */
export function resolveRoles(input: {
  login?: string;
  adminLogins: readonly string[];
  inAdminTeam: boolean;
  leadOf: readonly string[];
}): Role[] {
  const roles: Role[] = [];
  const login = input.login?.toLowerCase();
  if ((login && input.adminLogins.some((l) => l.toLowerCase() === login)) || input.inAdminTeam) roles.push('admin');
  if (input.leadOf.length) roles.push('lead');
  roles.push('member');
  return roles;
}
