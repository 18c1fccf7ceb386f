import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, resolveRoles, type Actor } from './permissions';

const actor = (roles: Actor['roles'], scope: Actor['scope'] = 'write'): Actor => ({
  id: 'u',
  name: 'u',
  kind: 'user',
  roles,
  leadOf: [],
  scope,
});

describe('can', () => {
  it.each([
    [['member'], 'catalog.read', true],
    [['member'], 'catalog.refresh', true],
    [['member'], 'catalog.location.create', true],
    [['member'], 'catalog.location.delete', false],
    [['member'], 'catalog.entity.update', false],
    [['member'], 'catalog.entity.delete', false],
    [['member'], 'auth.lead.manage', false],
    [['lead', 'member'], 'catalog.entity.update', true],
    [['lead', 'member'], 'catalog.location.delete', false],
    [['lead', 'member'], 'auth.lead.manage', false],
    [['member'], 'initiatives.create', false],
    [['lead', 'member'], 'initiatives.create', true],
    [['lead', 'member'], 'scorecards.edit', false],
    [[], 'catalog.read', false],
    [['member'], 'insights.read', false],
    [['member'], 'feedback.create', true],
    [['member'], 'feedback.read', false],
    [['lead', 'member'], 'insights.read', true],
    [['lead', 'member'], 'insights.register', true],
    [['lead', 'member'], 'feedback.read', false],
  ] as const)('%j may %s: %s', (roles, permission, expected) => {
    expect(can(actor([...roles]), permission)).toBe(expected);
  });

  it('gives admins every permission', () => {
    expect(PERMISSIONS.every((p) => can(actor(['admin']), p))).toBe(true);
  });

  it('narrows a read-scope token to reading, even for an admin', () => {
    const reader = actor(['admin', 'member'], 'read');
    expect(PERMISSIONS.filter((p) => can(reader, p))).toEqual(['catalog.read', 'insights.read', 'feedback.read']);
  });
});

describe('resolveRoles', () => {
  const base = { adminLogins: ['Octocat'], inAdminTeam: false, leadOf: [] as string[] };
  it.each([
    ['a configured admin login (any case)', { ...base, login: 'octocat' }, ['admin', 'member']],
    ['a member of the admin team', { ...base, login: 'sanne', inAdminTeam: true }, ['admin', 'member']],
    ['the lead of a group', { ...base, login: 'tom', leadOf: ['group:default/team-a'] }, ['lead', 'member']],
    ['anyone else', { ...base, login: 'priya' }, ['member']],
    ['a user without login', { ...base }, ['member']],
  ])('%s', (_label, input, roles) => {
    expect(resolveRoles(input)).toEqual(roles);
  });
});
