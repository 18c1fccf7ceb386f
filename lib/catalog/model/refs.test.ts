import { describe, expect, it } from 'vitest';
import { ownerRefOf, parseEntityRef, shortOwnerRef, shortSystemRef, stringifyEntityRef, tryParseEntityRef } from './refs';

describe('parseEntityRef', () => {
  it.each([
    ['component:default/orders', undefined, { kind: 'component', namespace: 'default', name: 'orders' }],
    ['Component:payments/Orders', undefined, { kind: 'Component', namespace: 'payments', name: 'Orders' }],
    ['orders', { defaultKind: 'Group' }, { kind: 'Group', namespace: 'default', name: 'orders' }],
    ['ops/orders', { defaultKind: 'Group' }, { kind: 'Group', namespace: 'ops', name: 'orders' }],
    ['orders', { defaultKind: 'Group', defaultNamespace: 'ops' }, { kind: 'Group', namespace: 'ops', name: 'orders' }],
    ['resource:db', { defaultKind: 'Component', defaultNamespace: 'ops' }, { kind: 'resource', namespace: 'ops', name: 'db' }],
    // A '/' before the first ':' means there is no kind; the ':' belongs to the name.
    ['ns/na:me', { defaultKind: 'Component' }, { kind: 'Component', namespace: 'ns', name: 'na:me' }],
    // Only the first '/' separates the namespace.
    ['api:ns/a/b', undefined, { kind: 'api', namespace: 'ns', name: 'a/b' }],
    ['x', { defaultKind: 'User', defaultNamespace: '' }, { kind: 'User', namespace: 'default', name: 'x' }],
    [{ name: 'x' }, { defaultKind: 'User' }, { kind: 'User', namespace: 'default', name: 'x' }],
    [{ kind: 'API', namespace: 'n', name: 'x' }, undefined, { kind: 'API', namespace: 'n', name: 'x' }],
  ] as const)('parses %j with %j', (ref, context, expected) => {
    expect(parseEntityRef(ref, context)).toEqual(expected);
  });

  it.each([
    ['', 'Entity reference must not be empty'],
    ['orders', 'Entity reference "orders" has no kind; write it as [<kind>:][<namespace>/]<name>, e.g. "component:orders"'],
    [':orders', 'Entity reference ":orders" was not on the form [<kind>:][<namespace>/]<name>'],
    ['component:/orders', 'Entity reference "component:/orders" was not on the form [<kind>:][<namespace>/]<name>'],
    ['component:ns/', 'Entity reference "component:ns/" was not on the form [<kind>:][<namespace>/]<name>'],
    ['component:', 'Entity reference "component:" was not on the form [<kind>:][<namespace>/]<name>'],
  ])('rejects %j', (ref, message) => {
    expect(() => parseEntityRef(ref)).toThrow(message);
    expect(tryParseEntityRef(ref)).toBeNull();
  });
});

describe('stringifyEntityRef', () => {
  it.each([
    [{ kind: 'Component', namespace: 'Default', name: 'Orders' }, 'component:default/orders'],
    [{ kind: 'API', name: 'orders-api' }, 'api:default/orders-api'],
    [{ kind: 'group', namespace: '', name: 'team-a' }, 'group:default/team-a'],
  ])('canonicalises %j', (ref, expected) => {
    expect(stringifyEntityRef(ref)).toBe(expected);
  });

  it('round-trips through parseEntityRef', () => {
    expect(stringifyEntityRef(parseEntityRef('User:Ops/Jane.Doe'))).toBe('user:ops/jane.doe');
  });
});

describe('short refs', () => {
  it.each([
    ['group:default/team-a', 'team-a'],
    ['group:ops/team-a', 'ops/team-a'],
    ['user:default/jane', 'user:jane'],
  ])('writes the owner %s as %s', (ref, short) => expect(shortOwnerRef(ref)).toBe(short));
  it.each([
    ['system:default/commerce', 'commerce'],
    ['system:ops/commerce', 'ops/commerce'],
  ])('writes the system %s as %s', (ref, short) => expect(shortSystemRef(ref)).toBe(short));
});

describe('ownerRefOf', () => {
  it('reads an owner as spec.owner does, and leaves other text lower-cased', () => {
    expect(ownerRefOf(' Team-A ')).toBe('group:default/team-a');
    expect(ownerRefOf('user:ann')).toBe('user:default/ann');
    expect(ownerRefOf('group:ops/sre')).toBe('group:ops/sre');
    expect(ownerRefOf('A:B:C/D/E')).toBe('a:b:c/d/e');
  });
});
