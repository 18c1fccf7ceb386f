import { describe, expect, it } from 'vitest';
import { decodeAfterCursor, decodeQueryCursor, encodeAfterCursor, encodeQueryCursor, type QueryCursor } from './cursor';

const query: QueryCursor = {
  v: 1,
  filter: ['kind=component,spec.type=service'],
  orderFields: [{ field: 'metadata.name', order: 'desc' }],
  fullTextFilter: { term: 'ord', fields: ['metadata.name'] },
  offset: 40,
  limit: 20,
  includeTotal: true,
};

describe('query cursor', () => {
  it('round-trips the whole query and offset', () => {
    expect(decodeQueryCursor(encodeQueryCursor(query))).toEqual(query);
  });

  it('is URL-safe and has no `query` key (which the catalog client would send to the predicate endpoint)', () => {
    const text = encodeQueryCursor(query);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(Object.keys(JSON.parse(Buffer.from(text, 'base64url').toString()))).not.toContain('query');
  });

  it.each([
    ['not base64', '%%%'],
    ['not JSON', Buffer.from('nope').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ offset: 1 })).toString('base64url')],
    ['negative offset', encodeQueryCursor({ ...query, offset: -1 })],
    ['limit too large', encodeQueryCursor({ ...query, limit: 10_001 })],
    ['bad order', Buffer.from(JSON.stringify({ ...query, orderFields: [{ field: 'x', order: 'up' }] })).toString('base64url')],
    [
      'a uid order after a value that is no UUID',
      encodeQueryCursor({ ...query, orderFields: [{ field: 'metadata.uid', order: 'asc' }], after: ['not-a-uuid', 'component:default/a'] }),
    ],
  ])('rejects a cursor that is %s with a 400', (_, text) => {
    expect(() => decodeQueryCursor(text)).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('cursor is malformed') }),
    );
  });
});

describe('after cursor (GET /entities)', () => {
  it('uses Backstage form: base64 of {limit, offset}', () => {
    expect(encodeAfterCursor({ limit: 2, offset: 2 })).toBe('eyJsaW1pdCI6Miwib2Zmc2V0IjoyfQ==');
    expect(decodeAfterCursor('eyJsaW1pdCI6Miwib2Zmc2V0IjoyfQ==')).toEqual({ limit: 2, offset: 2 });
  });

  it('rejects garbage with a 400 naming the parameter', () => {
    expect(() => decodeAfterCursor('garbage!')).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringContaining('after is malformed') }),
    );
  });
});
