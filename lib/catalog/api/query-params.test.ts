import { describe, expect, it } from 'vitest';
import { encodeAfterCursor, encodeQueryCursor } from './cursor';
import { DEFAULT_QUERY_LIMIT, parseByQueryParams, parseEntitiesListParams, parseFacetParams } from './query-params';

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
