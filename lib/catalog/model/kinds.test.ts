import { describe, expect, expectTypeOf, it } from 'vitest';
import type { CatalogEntity, ValidationIssue } from './entity';
import { catalogEntityOf, findKnownKind, isEntityOfKind, validateKindSpec } from './kinds';

const V1 = 'backstage.io/v1alpha1';
const KNOWN = 'Component, API, Resource, System, Domain, Group, User, Location, Template';

describe('validateKindSpec', () => {
  it.each<[string, string, string, unknown]>([
    ['Component', V1, 'Component', { type: 'service', lifecycle: 'production', owner: 'team-a', providesApis: ['orders-api'] }],
    ['component in lowercase, v1beta1', 'backstage.io/v1beta1', 'component', { type: 'service', lifecycle: 'x', owner: 'a' }],
    ['API with $text definition', V1, 'API', { type: 'openapi', lifecycle: 'x', owner: 'a', definition: { $text: './openapi.yaml' } }],
    ['Resource', V1, 'Resource', { type: 'database', owner: 'a', dependsOn: ['resource:x'] }],
    ['System', V1, 'System', { owner: 'a', domain: 'commerce' }],
    ['Domain', V1, 'Domain', { owner: 'a', subdomainOf: 'root' }],
    ['Group with empty children', V1, 'Group', { type: 'team', children: [], profile: { displayName: 'A' } }],
    ['User with empty memberOf', V1, 'User', { memberOf: [] }],
    ['Location with targets', V1, 'Location', { targets: ['./a.yaml'] }],
    [
      'Template',
      'scaffolder.backstage.io/v1beta3',
      'Template',
      {
        type: 'service',
        parameters: [{ properties: {} }],
        steps: [{ id: 'fetch', action: 'fetch:template' }],
      },
    ],
    // Backstage's Template.v1beta3 schema requires only type and steps: a template with no form.
    ['Template without parameters', 'scaffolder.backstage.io/v1beta3', 'Template', { type: 'service', steps: [{ action: 'debug:log' }] }],
  ])('accepts %s', (_name, apiVersion, kind, spec) => {
    expect(validateKindSpec(apiVersion, kind, spec)).toEqual([]);
  });

  it.each<[string, string, string, unknown, ValidationIssue[]]>([
    ['unknown kind', V1, 'Servic', {}, [{ path: ['kind'], message: `kind "Servic" is not a known kind; expected one of ${KNOWN}` }]],
    [
      'Template with backstage.io apiVersion',
      V1,
      'template',
      { type: 's', parameters: {}, steps: [] },
      [
        {
          path: ['apiVersion'],
          message: 'apiVersion "backstage.io/v1alpha1" is not valid for kind Template; expected scaffolder.backstage.io/v1beta3',
        },
      ],
    ],
    [
      'Component with scaffolder apiVersion',
      'scaffolder.backstage.io/v1beta3',
      'Component',
      { type: 'a', lifecycle: 'b', owner: 'c' },
      [
        {
          path: ['apiVersion'],
          message:
            'apiVersion "scaffolder.backstage.io/v1beta3" is not valid for kind Component; expected backstage.io/v1alpha1 or backstage.io/v1beta1',
        },
      ],
    ],
    [
      'Component missing everything, no spec',
      V1,
      'COMPONENT',
      undefined,
      [
        { path: ['spec', 'type'], message: 'spec.type is required for kind Component' },
        { path: ['spec', 'lifecycle'], message: 'spec.lifecycle is required for kind Component' },
        { path: ['spec', 'owner'], message: 'spec.owner is required for kind Component' },
      ],
    ],
    [
      'API missing definition',
      V1,
      'API',
      { type: 'openapi', lifecycle: 'x', owner: 'a' },
      [{ path: ['spec', 'definition'], message: 'spec.definition is required for kind API' }],
    ],
    [
      'API with a non-placeholder object definition',
      V1,
      'API',
      { type: 'openapi', lifecycle: 'x', owner: 'a', definition: { $ref: 'x' } },
      [
        {
          path: ['spec', 'definition'],
          message: 'spec.definition must be a string or a $text/$json/$yaml substitution, e.g. { $text: ./openapi.yaml }',
        },
      ],
    ],
    [
      'Component with bad field types',
      V1,
      'Component',
      { type: 'a', lifecycle: 'b', owner: '', providesApis: 'orders-api', dependsOn: ['ok', 3] },
      [
        { path: ['spec', 'owner'], message: 'spec.owner must be a non-empty string' },
        { path: ['spec', 'providesApis'], message: 'spec.providesApis must be a list of strings' },
        { path: ['spec', 'dependsOn', 1], message: 'spec.dependsOn[1] must be a non-empty string' },
      ],
    ],
    [
      'Group missing children',
      V1,
      'Group',
      { type: 'team' },
      [{ path: ['spec', 'children'], message: 'spec.children is required for kind Group' }],
    ],
    [
      'User missing memberOf',
      V1,
      'User',
      { profile: {} },
      [{ path: ['spec', 'memberOf'], message: 'spec.memberOf is required for kind User' }],
    ],
    [
      'Location without target',
      V1,
      'Location',
      { type: 'url', presence: 'maybe' },
      [
        { path: ['spec', 'presence'], message: 'spec.presence must be "required" or "optional"' },
        { path: ['spec', 'target'], message: 'spec.target or spec.targets is required for kind Location' },
      ],
    ],
    [
      'Template step without action',
      'scaffolder.backstage.io/v1beta3',
      'Template',
      { type: 's', parameters: {}, steps: [{ id: 'x' }] },
      [{ path: ['spec', 'steps', 0, 'action'], message: 'spec.steps[0].action is required, e.g. fetch:template' }],
    ],
    [
      'Resource missing owner',
      V1,
      'Resource',
      { type: 'db' },
      [{ path: ['spec', 'owner'], message: 'spec.owner is required for kind Resource' }],
    ],
    ['System missing owner', V1, 'System', {}, [{ path: ['spec', 'owner'], message: 'spec.owner is required for kind System' }]],
  ])('reports %s', (_name, apiVersion, kind, spec, expected) => {
    expect(validateKindSpec(apiVersion, kind, spec)).toEqual(expected);
  });
});

describe('findKnownKind', () => {
  it.each([
    ['api', 'API'],
    ['Group', 'Group'],
    ['TEMPLATE', 'Template'],
    ['Service', undefined],
  ])('%s → %s', (kind, expected) => {
    expect(findKnownKind(kind)).toBe(expected);
  });
});

describe('entities typed per kind', () => {
  const group = {
    apiVersion: V1,
    kind: 'Group',
    metadata: { name: 'team-a' },
    spec: { type: 'team', children: ['team-b'], profile: { displayName: 'Team A' } },
  };

  it('narrows a stored body to its kind, with the spec of that kind', () => {
    const entity = catalogEntityOf(structuredClone(group));
    expect(isEntityOfKind(entity, 'Group')).toBe(true);
    if (!isEntityOfKind(entity, 'Group')) return;
    expectTypeOf(entity.spec.children).toEqualTypeOf<string[]>();
    expectTypeOf(entity.spec.profile).toEqualTypeOf<{ displayName?: string; email?: string; picture?: string } | undefined>();
    expect(entity.spec.children).toEqual(['team-b']);
    expect(entity.spec.profile?.displayName).toBe('Team A');
  });

  it('narrows on kind in a switch, as a discriminated union', () => {
    const summary = (entity: CatalogEntity): string => {
      switch (entity.kind) {
        case 'Group':
          return `group of ${entity.spec.children.length}`;
        case 'API':
          return `api ${entity.spec.definition.length} chars`;
        default:
          return entity.kind;
      }
    };
    expect(summary(catalogEntityOf(group))).toBe('group of 1');
    expect(isEntityOfKind(catalogEntityOf(group), 'User')).toBe(false);
  });

  it.each([
    ['not an object', 'x', 'not an entity envelope'],
    ['no metadata.name', { apiVersion: V1, kind: 'Group', metadata: {} }, 'not an entity envelope'],
    ['an unknown kind', { apiVersion: V1, kind: 'Servic', metadata: { name: 'a' }, spec: {} }, 'unknown kind'],
    ['a spec that is a list', { apiVersion: V1, kind: 'Group', metadata: { name: 'a' }, spec: [] }, 'unknown kind or a spec'],
  ])('refuses a stored body with %s', (_name, body, message) => {
    expect(() => catalogEntityOf(body)).toThrow(message);
  });
});
