import { describe, expect, it } from 'vitest';
import { servedEntityOf, servedJsonOf, splicedJson, type ServedRow } from './served-json';

const ID = '0193a3b4-5c6d-7e8f-9a0b-1c2d3e4f5a6b';
const RELATIONS = JSON.stringify([
  { type: 'ownedBy', targetRef: 'group:default/team-a' },
  { type: 'partOf', targetRef: 'system:default/payments' },
]);

function row(body: object | string, extra: Partial<ServedRow> = {}): ServedRow {
  return {
    id: ID,
    ref: 'component:default/a',
    etag: 'etag-1',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    relations: RELATIONS,
    errors: null,
    ...extra,
  };
}

const component = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'a', namespace: 'default', annotations: { 'backstage.io/techdocs-ref': 'dir:.' }, tags: ['java'] },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

describe('servedJsonOf', () => {
  // Each body is served as JSON.stringify(servedEntityOf(row)) would write it; `spliced` says
  // whether the text was spliced from the stored body or built from objects.
  it.each([
    { name: 'a descriptor in the usual key order', body: component, spliced: true },
    {
      name: 'kind written before apiVersion',
      body: { kind: 'Component', apiVersion: 'backstage.io/v1alpha1', metadata: component.metadata, spec: component.spec },
      spliced: true,
    },
    {
      name: 'braces, brackets, quotes and escapes inside strings',
      body: {
        ...component,
        metadata: { ...component.metadata, description: 'a "}{" ]] \\ and \\"quoted\\" {', links: [{ url: 'https://x/}', title: '[' }] },
      },
      spliced: true,
    },
    {
      name: 'non-ASCII text',
      body: { ...component, metadata: { ...component.metadata, title: 'Zahlungsdienst – Ünïcode ✓' } },
      spliced: true,
    },
    { name: 'keys after spec', body: { ...component, extra: { a: 1 } }, spliced: true },
    {
      name: 'spec before metadata',
      body: { apiVersion: 'v1', kind: 'Component', spec: component.spec, metadata: component.metadata },
      spliced: false,
    },
    { name: 'no spec (served with spec: {})', body: { apiVersion: 'v1', kind: 'User', metadata: { name: 'u' } }, spliced: false },
    {
      name: 'a uid written in metadata (the stored id wins)',
      body: { ...component, metadata: { ...component.metadata, uid: 'written' } },
      spliced: false,
    },
    {
      name: 'relations written in the body (the stored ones win)',
      body: { ...component, relations: [{ type: 'x', targetRef: 'y' }] },
      spliced: false,
    },
    { name: 'text stored with spaces (another writer)', body: JSON.stringify(component, null, 1), spliced: false },
  ])('$name', ({ body, spliced }) => {
    const r = row(body);
    expect(JSON.parse(servedJsonOf(r))).toEqual(servedEntityOf(r));
    expect(servedJsonOf(r)).toBe(JSON.stringify(servedEntityOf(r)));
    expect(splicedJson(r) !== undefined).toBe(spliced);
  });

  it('serves the stored id and etag, the relations and processing errors as status items', () => {
    const errors = [{ file: 'catalog-info.yaml', line: 3, column: 5, code: 'conflict', message: 'owned by another location' }];
    const served = JSON.parse(servedJsonOf(row(component, { errors })));
    expect(served.metadata).toMatchObject({ name: 'a', uid: ID, etag: 'etag-1' });
    expect(served.relations).toEqual(JSON.parse(RELATIONS));
    expect(served.status.items).toEqual([
      {
        type: 'backstage.io/catalog-processing',
        level: 'error',
        message: 'owned by another location',
        error: { name: 'ConflictError', message: 'owned by another location', position: { file: 'catalog-info.yaml', line: 3, column: 5 } },
      },
    ]);
    expect(servedJsonOf(row(component, { errors }))).toBe(JSON.stringify(servedEntityOf(row(component, { errors }))));
  });

  it('serves an empty relation list when a projection read none', () => {
    expect(JSON.parse(servedJsonOf(row(component, { relations: null }))).relations).toEqual([]);
  });

  it('does not splice text whose metadata never closes', () => {
    const truncated = '{"apiVersion":"v1","kind":"Component","metadata":{"name":"a","x":"}';
    expect(splicedJson(row(truncated))).toBeUndefined();
  });
});
