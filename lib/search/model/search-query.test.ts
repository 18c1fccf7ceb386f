import { describe, expect, it } from 'vitest';
import { decodePageCursor, encodePageCursor, mergeFacets, parseSearchApiQuery, searchWords, SearchQueryError } from './search-query';

describe('searchWords', () => {
  it('lower-cases, splits on space, drops repeats and one-character words unless nothing else is left', () => {
    expect(searchWords('  Rates  SERVICE rates a ')).toEqual(['rates', 'service']);
    expect(searchWords('x')).toEqual(['x']);
    expect(searchWords('   ')).toEqual([]);
    expect(searchWords('a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg hh ii jj')).toHaveLength(8);
  });
});

describe('page cursors', () => {
  it("are Backstage's: the page number in base64, and nothing else is one", () => {
    expect(encodePageCursor(1)).toBe('MQ==');
    expect(decodePageCursor(encodePageCursor(12))).toBe(12);
    expect(decodePageCursor('bm9wZQ')).toBeNull();
    expect(decodePageCursor(Buffer.from('-1').toString('base64'))).toBeNull();
  });
});

describe('parseSearchApiQuery', () => {
  const parse = (qs: string) => parseSearchApiQuery(new URLSearchParams(qs));

  it('reads qs-style arrays and objects, and repeated names', () => {
    expect(
      parse('term=rates&types[0]=techdocs&types[1]=software-catalog&filters[kind]=API&filters[lifecycle][0]=a&filters[lifecycle][1]=b'),
    ).toEqual({
      term: 'rates',
      types: ['techdocs', 'software-catalog'],
      filters: { kind: ['API'], lifecycle: ['a', 'b'] },
      offset: 0,
      limit: 25,
      page: 0,
    });
    expect(parse('types=techdocs&types=techdocs').types).toEqual(['techdocs']);
    expect(parse(`term=x&pageLimit=10&pageCursor=${encodePageCursor(3)}`)).toMatchObject({ offset: 30, limit: 10, page: 3 });
  });

  it('says what to fix', () => {
    const message = (qs: string) => {
      try {
        parse(qs);
        return null;
      } catch (err) {
        expect(err).toBeInstanceOf(SearchQueryError);
        return (err as Error).message;
      }
    };
    expect(message('types[0]=adr')).toMatch(/"adr" is not a result type here; use software-catalog or techdocs/);
    expect(message('filters[owner]=x')).toMatch(/filters\[owner\]: search filters on filters\[kind\]/);
    expect(message('filters[kind')).toMatch(/search filters on/);
    expect(message(Array.from({ length: 21 }, (_, i) => `filters[kind][${i}]=k${i}`).join('&'))).toMatch(
      /filters\[kind\]: at most 20 values/,
    );
    expect(message('pageLimit=0')).toMatch(/pageLimit: a whole number from 1 to 100/);
    expect(message('pageLimit=2.5')).toMatch(/pageLimit/);
    expect(message('pageCursor=%%%')).toMatch(/pageCursor: not a cursor/);
    expect(message(`pageLimit=100&pageCursor=${encodePageCursor(101)}`)).toMatch(/past the first 10000/);
    expect(message(`term=${'x'.repeat(201)}`)).toMatch(/term: at most 200 characters/);
  });
});

describe('mergeFacets', () => {
  it('adds the counts of the same value in any case, most first', () => {
    expect(
      mergeFacets(
        [
          { value: 'Component', count: 3 },
          { value: 'API', count: 1 },
        ],
        [
          { value: 'component', count: 2 },
          { value: 'Resource', count: 1 },
        ],
      ),
    ).toEqual([
      { value: 'Component', count: 5 },
      { value: 'API', count: 1 },
      { value: 'Resource', count: 1 },
    ]);
  });
});
