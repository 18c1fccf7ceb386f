import { describe, expect, it } from 'vitest';
import { createProjection, parseFieldList } from './fields';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', namespace: 'default', annotations: { 'backstage.io/techdocs-ref': 'dir:.', plain: 'x' }, tags: ['java'] },
  spec: { type: 'service', owner: 'team-a' },
};

describe('parseFieldList', () => {
  it.each([
    [['metadata.name,kind'], ['metadata.name', 'kind']],
    [
      ['metadata.name', ' kind , ', ''],
      ['metadata.name', 'kind'],
    ],
    [[], []],
  ])('%j → %j', (input, expected) => {
    expect(parseFieldList(input)).toEqual(expected);
  });
});

describe('createProjection', () => {
  it('returns undefined when no fields are asked for (whole entities)', () => {
    expect(createProjection([])).toBeUndefined();
  });

  it.each<[string[], object]>([
    [['kind'], { kind: 'Component' }],
    [['metadata.name', 'kind'], { kind: 'Component', metadata: { name: 'orders' } }],
    [['metadata.name', 'metadata.namespace'], { metadata: { name: 'orders', namespace: 'default' } }],
    [['metadata'], { metadata: entity.metadata }],
    [['metadata.tags'], { metadata: { tags: ['java'] } }],
    [['metadata.annotations.backstage.io/techdocs-ref'], { metadata: { annotations: { 'backstage.io/techdocs-ref': 'dir:.' } } }],
    [['spec.missing', 'relations', 'metadata.name.deeper'], {}],
  ])('%j', (fields, expected) => {
    expect(createProjection(fields)!(entity)).toEqual(expected);
  });

  it('copies values, so changing the output leaves the entity alone', () => {
    const out = createProjection(['metadata.tags'])!(entity) as { metadata: { tags: string[] } };
    out.metadata.tags.push('mutated');
    expect(entity.metadata.tags).toEqual(['java']);
  });
});
