import { describe, expect, it } from 'vitest';
import {
  blankEntityFields,
  buildDescriptor,
  fieldOfPath,
  fieldsOfEntity,
  parseLinks,
  specFieldsOf,
  validateEntityFields,
  type EntityFields,
} from './managed-entity-form';
import { KIND_RULES } from './model/kinds';

const fields = (o: Partial<EntityFields> = {}): EntityFields =>
  blankEntityFields('Component', { name: 'orders', type: 'service', lifecycle: 'production', owner: 'team-a', ...o });

describe('buildDescriptor', () => {
  it('writes only the fields that are filled in', () => {
    expect(buildDescriptor(fields({ tags: 'java, ,payments ' }))).toEqual({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'orders', tags: ['java', 'payments'] },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
    });
  });

  it('keeps what the form does not show from the edited entity, and drops cleared fields', () => {
    const base = {
      apiVersion: 'backstage.io/v1beta1',
      kind: 'Component',
      metadata: { name: 'orders', namespace: 'default', uid: 'u', etag: 'e', title: 'Old', annotations: { 'a.io/b': 'c' } },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a', system: 'shop', providesApis: ['orders-api'] },
    };
    expect(buildDescriptor(fields({ namespace: 'default', title: '', system: '' }), base)).toEqual({
      apiVersion: 'backstage.io/v1beta1',
      kind: 'Component',
      metadata: { name: 'orders', namespace: 'default', annotations: { 'a.io/b': 'c' } },
      spec: { type: 'service', lifecycle: 'production', owner: 'team-a', providesApis: ['orders-api'] },
    });
  });

  it.each([
    ['Group', { children: [] }],
    ['User', { memberOf: [] }],
  ] as const)('gives a new %s the lists Backstage requires', (kind, extra) => {
    expect(buildDescriptor(fields({ kind, type: kind === 'Group' ? 'team' : '', lifecycle: '', owner: '' })).spec).toEqual({
      ...(kind === 'Group' ? { type: 'team' } : {}),
      ...extra,
    });
  });

  it('round-trips through fieldsOfEntity', () => {
    const f = fields({ namespace: 'default', title: 'Orders', tags: 'a, b', links: 'https://x.example Dash board\nhttps://y.example' });
    expect(fieldsOfEntity(buildDescriptor(f))).toEqual(f);
  });
});

describe('validateEntityFields', () => {
  it.each([
    [{ owner: '' }, 'owner', 'spec.owner is required for kind Component'],
    [{ name: 'Not valid!' }, 'name', 'metadata.name "Not valid!" must be letters a-z, A-Z, digits'],
    [{ tags: 'UPPER case' }, 'tags', 'metadata.tags[0]'],
    [{ links: 'https://a.example\n ' }, undefined, undefined],
    [{ links: 'mailto:team-a@example.com Mail us' }, undefined, undefined],
    [{ links: 'wiki.example.com/orders Wiki' }, 'links', '"wiki.example.com/orders" is not a full URL: start it with https://'],
  ] as const)('%o → %s', (o, field, message) => {
    const errors = validateEntityFields(fields(o));
    if (!field) expect(errors).toEqual({});
    else expect(errors[field]?.[0]).toContain(message);
  });
});

describe('helpers', () => {
  it.each([
    [['metadata', 'tags', 2], 'tags'],
    [['spec', 'owner'], 'owner'],
    [['metadata', 'links', 0, 'url'], 'links'],
    [['spec', 'providesApis', 0], undefined],
    [[], undefined],
  ] as const)('fieldOfPath(%o) = %s', (path, field) => {
    expect(fieldOfPath([...path])).toBe(field);
  });

  it('parses one link a line, with an optional title', () => {
    expect(parseLinks('https://a.example  The A\n\nhttps://b.example')).toEqual([
      { url: 'https://a.example', title: 'The A' },
      { url: 'https://b.example' },
    ]);
  });
});

describe('the kind rules feed the form', () => {
  it.each([
    ['Component', { type: 'required', lifecycle: 'required', owner: 'required', system: 'optional' }],
    ['API', { type: 'required', lifecycle: 'required', owner: 'required', system: 'optional', definition: 'required' }],
    ['System', { type: 'optional', owner: 'required' }],
    ['Group', { type: 'required' }],
    ['User', {}],
  ] as const)('%s shows %o', (kind, expected) => {
    expect(specFieldsOf(kind)).toEqual(expected);
  });

  it('a rule change shows in the fields, the descriptor and the validation', () => {
    const component = KIND_RULES.find((r) => r.kind === 'Component')!;
    const { system } = component.optional;
    delete component.optional.system;
    component.required.system = system;
    try {
      expect(specFieldsOf('Component').system).toBe('required');
      expect(validateEntityFields(fields()).system).toEqual(['spec.system is required for kind Component']);
    } finally {
      delete component.required.system;
      component.optional.system = system;
    }
    expect(specFieldsOf('Component').system).toBe('optional');
  });

  it('does not write a field the kind does not have, and keeps the one the descriptor had', () => {
    const base = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a' },
      spec: { type: 'team', children: [], system: 'kept' },
    };
    expect(
      buildDescriptor(fields({ kind: 'Group', name: 'team-a', type: 'team', lifecycle: 'production', owner: 'x', system: 'typed' }), base)
        .spec,
    ).toEqual({ type: 'team', children: [], system: 'kept' });
  });
});
