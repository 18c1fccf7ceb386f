import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, type Actor } from './permissions';

const actor = (roles: Actor['roles']): Actor => ({ id: 'u', name: 'u', roles });

describe('can', () => {
  it.each([
    [['member'], 'catalog.read', true],
    [['member'], 'catalog.location.delete', false],
    [['member'], 'catalog.entity.update', false],
    [['lead'], 'catalog.entity.update', true],
    [['lead'], 'catalog.location.delete', false],
    [[], 'catalog.read', false],
  ] as const)('%j may %s: %s', (roles, permission, expected) => {
    expect(can(actor([...roles]), permission)).toBe(expected);
  });

  it('gives admins every permission', () => {
    expect(PERMISSIONS.every((p) => can(actor(['admin']), p))).toBe(true);
  });
});
