import { describe, expect, it } from 'vitest';
import { encodeAfterCursor, encodeQueryCursor } from './cursor';
import { MAX_CONDITIONS_PER_FILTER, MAX_FACETS, MAX_FIELDS, MAX_FILTER_CONDITIONS, MAX_FULL_TEXT_FIELDS, MAX_ORDER_FIELDS } from './limits';
import { DEFAULT_QUERY_LIMIT, parseByQueryParams, parseEntitiesListParams, parseFacetParams, parseFilterAndFields } from './query-params';

const qs = (s: string) => new URLSearchParams(s);

describe('parseEntitiesListParams (GET /entities)', () => {
  it('reads filter alternatives, fields, order and paging', () => {
    const p = parseEntitiesListParams(
      qs(
        'filter=kind=component,spec.type=service&filter=kind=api&fields=metadata.name,kind&order=desc:metadata.name&order=asc:kind&limit=5&offset=10',
      ),
    );
    expect(p.filter.anyOf).toHaveLength(2);
    expect(p.fields).toEqual(['metadata.name', 'kind']);
    expect(p.order).toEqual([
      { field: 'metadata.name', order: 'desc' },
      { field: 'kind', order: 'asc' },
    ]);
    expect(p).toMatchObject({ limit: 5, offset: 10 });
  });

  it('takes offset (and limit unless given) from an after cursor', () => {
    expect(parseEntitiesListParams(qs(`after=${encodeURIComponent(encodeAfterCursor({ limit: 3, offset: 6 }))}`))).toMatchObject({
      limit: 3,
      offset: 6,
    });
    expect(parseEntitiesListParams(qs(`limit=4&after=${encodeURIComponent(encodeAfterCursor({ limit: 3, offset: 6 }))}`))).toMatchObject({
      limit: 4,
      offset: 6,
    });
  });

  it('defaults to no limit (all entities) from offset 0', () => {
    expect(parseEntitiesListParams(qs(''))).toMatchObject({ limit: undefined, offset: 0, fields: [], order: [] });
  });

  it.each([
    ['limit=0', 'limit must be an integer from 1 to 10000'],
    ['limit=10001', 'limit must be an integer from 1 to 10000'],
    ['limit=1.5', 'limit must be an integer from 1 to 10000'],
    ['limit=ten', 'limit must be an integer from 1 to 10000'],
    ['limit=1&limit=2', 'limit may be given only once'],
    ['offset=-1', 'offset must be an integer of 0 or more'],
    ['order=metadata.name', 'order "metadata.name" must be asc:<field> or desc:<field>'],
    ['order=up:metadata.name', 'must be asc:<field> or desc:<field>'],
    ['filter==component', 'filter "=component" is invalid'],
    ['fields=metadata.tags[0]', 'array indexes are not supported'],
  ])('%s → 400 "%s"', (query, message) => {
    expect(() => parseEntitiesListParams(qs(query))).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(message) }),
    );
  });
});

describe('parseByQueryParams (GET /entities/by-query)', () => {
  it('builds the first-page query with Backstage defaults', () => {
    const { query, fields } = parseByQueryParams(
      qs(
        'filter=kind=component&orderField=metadata.name,desc&orderField=kind&fullTextFilterTerm=%20ord%20&fullTextFilterFields=metadata.name,spec.type&fields=metadata.name',
      ),
    );
    expect(query).toEqual({
      v: 1,
      filter: ['kind=component'],
      orderFields: [
        { field: 'metadata.name', order: 'desc' },
        { field: 'kind', order: 'asc' },
      ],
      fullTextFilter: { term: 'ord', fields: ['metadata.name', 'spec.type'] },
      offset: 0,
      limit: DEFAULT_QUERY_LIMIT,
      includeTotal: true,
    });
    expect(fields).toEqual(['metadata.name']);
  });

  it('takes the query from the cursor and ignores query parameters beside it, except limit and fields', () => {
    const cursor = encodeQueryCursor({ v: 1, filter: ['kind=api'], orderFields: [], offset: 20, limit: 20, includeTotal: false });
    const { query, fields } = parseByQueryParams(qs(`cursor=${cursor}&filter=kind=group&limit=5&fields=kind`));
    expect(query).toMatchObject({ filter: ['kind=api'], offset: 20, limit: 5, includeTotal: false });
    expect(fields).toEqual(['kind']);
  });

  it.each([
    ['cursor=abc', 'cursor is malformed'],
    ['orderField=metadata.name,sideways', 'orderField "metadata.name,sideways" must be <field>,asc or <field>,desc'],
    ['totalItems=maybe', 'totalItems must be include or exclude'],
    ['limit=0', 'limit must be an integer from 1 to 10000'],
  ])('%s → 400 "%s"', (query, message) => {
    expect(() => parseByQueryParams(qs(query))).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(message) }),
    );
  });
});

describe('parseFacetParams (GET /entity-facets)', () => {
  it('reads repeated facets (deduplicated) and the filter', () => {
    const p = parseFacetParams(qs('facet=kind&facet=spec.type&facet=kind&filter=kind=component'));
    expect(p.facets).toEqual(['kind', 'spec.type']);
    expect(p.filter.anyOf).toHaveLength(1);
  });

  it('requires at least one facet', () => {
    expect(() => parseFacetParams(qs('filter=kind=component'))).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('facet is required') }),
    );
  });
});

describe('caps on the lists one request may give', () => {
  const list = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
  const params = (name: string, n: number, f: (i: number) => string) =>
    list(n, f)
      .map((v) => `${name}=${encodeURIComponent(v)}`)
      .join('&');
  const refused = (parse: () => unknown, message: string) =>
    expect(parse).toThrow(expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining(message) }));

  it.each([
    [
      'filter conditions across parameters',
      params('filter', MAX_FILTER_CONDITIONS + 1, (i) => `metadata.annotations.k${i}=v`),
      'filter may hold at most 1000 conditions',
    ],
    [
      'filter conditions in one parameter',
      `filter=${list(MAX_CONDITIONS_PER_FILTER + 1, (i) => `k${i}`).join(',')}`,
      'one filter may hold at most 20 conditions',
    ],
    ['order fields', params('order', MAX_ORDER_FIELDS + 1, (i) => `asc:k${i}`), 'order may name at most 10 fields'],
    ['fields', `fields=${list(MAX_FIELDS + 1, (i) => `a${i}`).join(',')}`, 'fields may name at most 100 paths'],
  ])('GET /entities: too many %s → 400 naming the cap', (_what, query, message) => {
    refused(() => parseEntitiesListParams(qs(query)), message);
  });

  it('GET /entities takes lists at their caps, and many values of one key as one condition', () => {
    const p = parseEntitiesListParams(
      qs(
        [
          params('filter', MAX_FILTER_CONDITIONS - 1 - MAX_CONDITIONS_PER_FILTER, (i) => `metadata.annotations.k${i}=v`),
          `filter=${list(500, (i) => `relations.ownedby=group:default/t${i}`).join(',')}`,
          `filter=${list(MAX_CONDITIONS_PER_FILTER, (i) => `k${i}`).join(',')}`,
          params('order', MAX_ORDER_FIELDS, (i) => `asc:k${i}`),
          `fields=${list(MAX_FIELDS, (i) => `a${i}`).join(',')}`,
        ].join('&'),
      ),
    );
    expect(p.filter.anyOf).toHaveLength(MAX_FILTER_CONDITIONS - MAX_CONDITIONS_PER_FILTER + 1);
    expect(p.order).toHaveLength(MAX_ORDER_FIELDS);
    expect(p.fields).toHaveLength(MAX_FIELDS);
  });

  it.each([
    ['orderField', params('orderField', MAX_ORDER_FIELDS + 1, (i) => `k${i},asc`), 'orderField may name at most 10 fields'],
    [
      'fullTextFilterFields',
      `fullTextFilterTerm=x&${params('fullTextFilterFields', MAX_FULL_TEXT_FIELDS + 1, (i) => `k${i}`)}`,
      'at most 20 paths',
    ],
    ['fields', `fields=${list(MAX_FIELDS + 1, (i) => `a${i}`).join(',')}`, 'fields may name at most 100 paths'],
  ])('GET /entities/by-query: too many %s → 400 naming the cap', (_what, query, message) => {
    refused(() => parseByQueryParams(qs(query)), message);
  });

  it('GET /entity-facets and by-refs: too many facets, filter conditions or fields → 400 naming the cap', () => {
    refused(() => parseFacetParams(qs(params('facet', MAX_FACETS + 1, (i) => `k${i}`))), 'at most 50 facets');
    refused(
      () => parseFacetParams(qs(`facet=kind&${params('filter', MAX_FILTER_CONDITIONS + 1, (i) => `k${i}`)}`)),
      'at most 1000 conditions',
    );
    refused(() => parseFilterAndFields(qs(`fields=${list(MAX_FIELDS + 1, (i) => `a${i}`).join(',')}`)), 'at most 100 paths');
  });
});
