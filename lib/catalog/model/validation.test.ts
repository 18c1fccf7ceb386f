import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from './entity';
import { validateEntity } from './validation';

const component = (patch: { metadata?: Record<string, unknown>; [key: string]: unknown } = {}) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  ...patch,
  metadata: { name: 'orders', ...patch.metadata },
});

const NAME_RULE = 'must be letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters)';

describe('validateEntity', () => {
  it('accepts a valid component with labels, annotations, tags and links', () => {
    const entity = component({
      metadata: {
        namespace: 'payments',
        labels: { 'example.com/tier': 'gold', team: '' },
        annotations: { 'github.com/project-slug': 'acme/orders', 'backstage.io/techdocs-ref': 'dir:.' },
        tags: ['java', 'c++', 'team:a', 'a-b'],
        links: [{ url: 'https://example.com', title: 'Dash' }],
      },
    });
    expect(validateEntity(entity)).toEqual([]);
  });

  it.each<[string, unknown, ValidationIssue[]]>([
    [
      'bad name',
      component({ metadata: { name: 'Order_Service!' } }),
      [{ path: ['metadata', 'name'], message: `metadata.name "Order_Service!" ${NAME_RULE}` }],
    ],
    [
      'name too long',
      component({ metadata: { name: 'a'.repeat(64) } }),
      [{ path: ['metadata', 'name'], message: `metadata.name "${'a'.repeat(64)}" ${NAME_RULE}` }],
    ],
    [
      'name ending in separator',
      component({ metadata: { name: 'orders-' } }),
      [{ path: ['metadata', 'name'], message: `metadata.name "orders-" ${NAME_RULE}` }],
    ],
    ['numeric name', component({ metadata: { name: 42 } }), [{ path: ['metadata', 'name'], message: `metadata.name 42 ${NAME_RULE}` }]],
    [
      'missing name',
      { apiVersion: 'backstage.io/v1alpha1', kind: 'System', metadata: {}, spec: { owner: 'a' } },
      [{ path: ['metadata', 'name'], message: 'metadata.name is required' }],
    ],
    [
      'bad namespace',
      component({ metadata: { namespace: 'My_NS' } }),
      [
        {
          path: ['metadata', 'namespace'],
          message:
            'metadata.namespace "My_NS" must be lowercase letters a-z, digits and dashes, beginning and ending with a letter or digit (1-63 characters)',
        },
      ],
    ],
    [
      'bad apiVersion shape',
      component({ apiVersion: 'v1' }),
      [{ path: ['apiVersion'], message: 'apiVersion "v1" must have the form group/version, e.g. backstage.io/v1alpha1' }],
    ],
    [
      'missing apiVersion and kind',
      { metadata: { name: 'x' } },
      [
        { path: ['apiVersion'], message: 'apiVersion is required, e.g. backstage.io/v1alpha1' },
        { path: ['kind'], message: 'kind is required, e.g. Component' },
      ],
    ],
    [
      'bad kind',
      component({ kind: '1Component' }),
      [{ path: ['kind'], message: 'kind "1Component" must match [a-zA-Z][a-z0-9A-Z]*, 1-63 chars, start with a letter' }],
    ],
    [
      'missing metadata',
      { apiVersion: 'backstage.io/v1alpha1', kind: 'Component', spec: { type: 'a', lifecycle: 'b', owner: 'c' } },
      [{ path: ['metadata'], message: 'metadata is required and must be an object with at least a name' }],
    ],
    [
      'bad label key and value',
      component({ metadata: { labels: { 'bad key': 'ok', tier: 'not ok' } } }),
      [
        {
          path: ['metadata', 'labels', 'bad key'],
          message:
            'metadata.labels key "bad key" must be [prefix/]name where prefix is a DNS subdomain (max 253 chars) and name is letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters)',
        },
        {
          path: ['metadata', 'labels', 'tier'],
          message:
            'metadata.labels["tier"] value "not ok" must be empty or letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters)',
        },
      ],
    ],
    [
      'annotation prefix not a DNS subdomain',
      component({ metadata: { annotations: { 'Example.com/x': 'v' } } }),
      [
        {
          path: ['metadata', 'annotations', 'Example.com/x'],
          message: expect.stringContaining('metadata.annotations key "Example.com/x" must be [prefix/]name') as unknown as string,
        },
      ],
    ],
    [
      'non-string annotation value',
      component({ metadata: { annotations: { 'a/b': 3 } } }),
      [{ path: ['metadata', 'annotations', 'a/b'], message: 'metadata.annotations["a/b"] must be a string; quote the value' }],
    ],
    [
      'bad tag',
      component({ metadata: { tags: ['ok', 'Not OK'] } }),
      [{ path: ['metadata', 'tags', 1], message: `metadata.tags[1] "Not OK" must match [a-z0-9:+#] in words joined by '-', 1-63 chars` }],
    ],
    [
      'link without url',
      component({ metadata: { links: [{ title: 'x' }] } }),
      [{ path: ['metadata', 'links', 0, 'url'], message: 'metadata.links[0].url is required' }],
    ],
    ['not an object', ['a'], [{ path: [], message: 'an entity must be a YAML mapping with apiVersion, kind, metadata and spec' }]],
  ])('%s', (_name, entity, expected) => {
    expect(validateEntity(entity)).toEqual(expected);
  });

  it('checks the kind spec once the envelope is valid', () => {
    expect(validateEntity(component({ spec: { type: 'service', lifecycle: 'production' } }))).toEqual([
      { path: ['spec', 'owner'], message: 'spec.owner is required for kind Component' },
    ]);
  });

  it('accepts a 253-char DNS subdomain label prefix but not 254', () => {
    const label = 'a'.repeat(63);
    const prefix = [label, label, label, 'a'.repeat(61)].join('.');
    expect(prefix).toHaveLength(253);
    expect(validateEntity(component({ metadata: { labels: { [`${prefix}/x`]: 'v' } } }))).toEqual([]);
    expect(validateEntity(component({ metadata: { labels: { [`${prefix}a/x`]: 'v' } } }))).toHaveLength(1);
  });
});
