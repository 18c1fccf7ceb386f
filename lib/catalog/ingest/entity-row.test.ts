import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Entity } from '@/lib/catalog/model';
import { toEntityRow, toSearchRows } from './entity-row';

const entity = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'orders', tags: ['java', 'java'] },
  spec: { type: 'service', ...spec },
});

describe('toSearchRows', () => {
  it('flattens leaves to lower-cased dotted keys, once per key and value, without the column-backed keys', () => {
    const rows = toSearchRows(entity({ owner: 'Team-A', dependsOn: ['component:a', 'component:b'] }));
    expect(rows).toEqual([
      { key: 'metadata.tags', value: 'java' },
      { key: 'spec.owner', value: 'team-a' },
      { key: 'spec.dependson', value: 'component:a' },
      { key: 'spec.dependson', value: 'component:b' },
    ]);
  });

  it("stores a null leaf as '' (the key exists) and skips keys and values over 200 characters", () => {
    const rows = toSearchRows(entity({ oncall: null, ['k'.repeat(201)]: 'x', definition: 'y'.repeat(201) }));
    expect(rows).toEqual([
      { key: 'metadata.tags', value: 'java' },
      { key: 'spec.oncall', value: '' },
    ]);
  });
});

describe('toEntityRow', () => {
  it("sorts the relation arrays of spec as Backstage's BuiltinKindsEntityProcessor does, and nothing else", () => {
    const row = toEntityRow(
      entity({
        providesApis: ['petstore', 'hello-world', 'Streetlights'],
        consumesApis: ['b', 'a'],
        dependsOn: ['resource:z', { not: 'a string' }],
        tags: ['z', 'a'],
      }),
      [],
      { rawYaml: '', file: null, line: null },
    );
    expect(row.body.spec).toEqual({
      type: 'service',
      providesApis: ['Streetlights', 'hello-world', 'petstore'],
      consumesApis: ['a', 'b'],
      dependsOn: ['resource:z', { not: 'a string' }],
      tags: ['z', 'a'],
    });
    expect(Object.keys(row.body.spec!)).toEqual(['type', 'providesApis', 'consumesApis', 'dependsOn', 'tags']);
  });

  it('keeps the etag of earlier versions (an unchanged entity is not rewritten after an upgrade) and the body text it was made from', () => {
    const relations = [{ sourceRef: 'component:default/orders', type: 'ownedBy', targetRef: 'group:default/team-a' }];
    const source = { rawYaml: 'kind: Component\n', file: 'catalog-info.yaml', line: 3 };
    const row = toEntityRow(entity({ owner: 'team-a', description: 'ü "quoted" }' }), relations, source);
    const earlier = createHash('sha1')
      .update(JSON.stringify([row.body, source.rawYaml, source.file, source.line, relations]))
      .digest('base64url');
    expect(row.etag).toBe(earlier);
    expect(JSON.parse(row.bodyJson)).toEqual(row.body);
    expect(toEntityRow(entity({ owner: 'team-b' }), relations, source).etag).not.toBe(row.etag);
  });
});
