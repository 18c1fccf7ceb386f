import { describe, expect, it } from 'vitest';
import { parseSearchPageParams, searchPageHref } from './page-params';

describe('the search page address', () => {
  it('reads one value of each, a known type and a page from 1', () => {
    expect(parseSearchPageParams({ q: [' rates ', 'x'], type: 'wiki', page: '-2' }, 500)).toEqual({
      term: 'rates',
      type: 'all',
      kind: null,
      lifecycle: null,
      page: 1,
    });
    expect(parseSearchPageParams({ q: 'r', type: 'techdocs', kind: 'API', lifecycle: 'production', page: '3' }, 500)).toMatchObject({
      type: 'techdocs',
      kind: 'API',
      lifecycle: 'production',
      page: 3,
    });
  });

  it('writes only what is set, and a changed filter starts at page 1', () => {
    const state = parseSearchPageParams({ q: 'rates & fees', type: 'software-catalog', kind: 'API', page: '3' }, 500);
    expect(searchPageHref(state, { page: 4 })).toBe('/search?q=rates+%26+fees&type=software-catalog&kind=API&page=4');
    expect(searchPageHref(state, { lifecycle: 'production' })).toBe(
      '/search?q=rates+%26+fees&type=software-catalog&kind=API&lifecycle=production',
    );
    expect(searchPageHref(state, { type: 'all', kind: null })).toBe('/search?q=rates+%26+fees');
    expect(searchPageHref({ term: '', type: 'all', kind: null, lifecycle: null, page: 1 }, {})).toBe('/search');
  });
});
