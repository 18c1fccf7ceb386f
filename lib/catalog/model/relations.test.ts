import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import { deriveRelations, inverseRelation, RELATION_PAIRS } from './relations';

const entity = (kind: string, spec: Record<string, unknown>, namespace?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: 'me', ...(namespace ? { namespace } : {}) },
  spec,
});

const pairs = (source: string, type: string, inverse: string, target: string) => [
  { sourceRef: source, type, targetRef: target },
  { sourceRef: target, type: inverse, targetRef: source },
];

describe('RELATION_PAIRS', () => {
  it('pairs every relation with its inverse', () => {
    expect(RELATION_PAIRS).toHaveLength(7);
    for (const [a, b] of RELATION_PAIRS) {
      expect(inverseRelation(a)).toBe(b);
      expect(inverseRelation(b)).toBe(a);
    }
    expect(inverseRelation('likes')).toBeUndefined();
  });
});

describe('deriveRelations', () => {
  it.each<[string, Entity, ReturnType<typeof pairs>]>([
    [
      'Component owner defaults to Group in own namespace',
      entity('Component', { owner: 'team-a' }, 'payments'),
      pairs('component:payments/me', 'ownedBy', 'ownerOf', 'group:payments/team-a'),
    ],
    [
      'explicit owner kind and namespace, canonical lowercase',
      entity('Component', { owner: 'User:People/Jane' }),
      pairs('component:default/me', 'ownedBy', 'ownerOf', 'user:people/jane'),
    ],
    [
      'Component system → System',
      entity('Component', { system: 'shop' }),
      pairs('component:default/me', 'partOf', 'hasPart', 'system:default/shop'),
    ],
    [
      'subcomponentOf → Component',
      entity('Component', { subcomponentOf: 'parent' }),
      pairs('component:default/me', 'partOf', 'hasPart', 'component:default/parent'),
    ],
    [
      'providesApis → API',
      entity('Component', { providesApis: ['orders-api'] }),
      pairs('component:default/me', 'providesApi', 'apiProvidedBy', 'api:default/orders-api'),
    ],
    [
      'consumesApis → API',
      entity('Component', { consumesApis: ['ops/pay-api'] }),
      pairs('component:default/me', 'consumesApi', 'apiConsumedBy', 'api:ops/pay-api'),
    ],
    [
      'dependsOn → Component, or the kind named',
      entity('Component', { dependsOn: ['lib', 'resource:db'] }),
      [
        ...pairs('component:default/me', 'dependsOn', 'dependencyOf', 'component:default/lib'),
        ...pairs('component:default/me', 'dependsOn', 'dependencyOf', 'resource:default/db'),
      ],
    ],
    [
      'dependencyOf → Component',
      entity('Component', { dependencyOf: ['app'] }),
      pairs('component:default/me', 'dependencyOf', 'dependsOn', 'component:default/app'),
    ],
    ['API system', entity('API', { system: 'shop' }), pairs('api:default/me', 'partOf', 'hasPart', 'system:default/shop')],
    ['Resource system', entity('Resource', { system: 'shop' }), pairs('resource:default/me', 'partOf', 'hasPart', 'system:default/shop')],
    [
      'System domain → Domain',
      entity('System', { domain: 'commerce' }),
      pairs('system:default/me', 'partOf', 'hasPart', 'domain:default/commerce'),
    ],
    [
      'Domain subdomainOf → Domain',
      entity('Domain', { subdomainOf: 'root' }),
      pairs('domain:default/me', 'partOf', 'hasPart', 'domain:default/root'),
    ],
    [
      'Group parent → Group',
      entity('Group', { parent: 'eng', children: [] }),
      pairs('group:default/me', 'childOf', 'parentOf', 'group:default/eng'),
    ],
    [
      'Group children → Group',
      entity('Group', { children: ['sub'] }),
      pairs('group:default/me', 'parentOf', 'childOf', 'group:default/sub'),
    ],
    [
      'Group members → User',
      entity('Group', { children: [], members: ['jane'] }, 'org'),
      pairs('group:org/me', 'hasMember', 'memberOf', 'user:org/jane'),
    ],
    [
      'User memberOf → Group',
      entity('User', { memberOf: ['team-a'] }),
      pairs('user:default/me', 'memberOf', 'hasMember', 'group:default/team-a'),
    ],
    [
      'Template owner',
      { ...entity('Template', { owner: 'team-a' }), apiVersion: 'scaffolder.backstage.io/v1beta3' },
      pairs('template:default/me', 'ownedBy', 'ownerOf', 'group:default/team-a'),
    ],
    [
      'kind matched case-insensitively',
      entity('component', { owner: 'a' }),
      pairs('component:default/me', 'ownedBy', 'ownerOf', 'group:default/a'),
    ],
    [
      'duplicates removed (case-insensitive refs)',
      entity('Component', { dependsOn: ['lib', 'Component:default/LIB'] }),
      pairs('component:default/me', 'dependsOn', 'dependencyOf', 'component:default/lib'),
    ],
    ['Location has none', entity('Location', { target: './x.yaml' }), []],
  ])('%s', (_name, input, expected) => {
    const { relations, problems } = deriveRelations(input);
    expect(problems).toEqual([]);
    expect(relations).toEqual(expected);
  });

  it('skips bad refs, reports them with their path, and keeps the good ones', () => {
    const { relations, problems } = deriveRelations(entity('Component', { owner: 'team-a', dependsOn: ['ok', 'component:', 7] }));
    expect(relations).toEqual([
      ...pairs('component:default/me', 'ownedBy', 'ownerOf', 'group:default/team-a'),
      ...pairs('component:default/me', 'dependsOn', 'dependencyOf', 'component:default/ok'),
    ]);
    expect(problems).toEqual([
      {
        path: ['spec', 'dependsOn', 1],
        message:
          'spec.dependsOn[1] is not a valid entity ref: Entity reference "component:" was not on the form [<kind>:][<namespace>/]<name>',
      },
      { path: ['spec', 'dependsOn', 2], message: 'spec.dependsOn[2] must be an entity ref string, e.g. "component:name"' },
    ]);
  });
});
