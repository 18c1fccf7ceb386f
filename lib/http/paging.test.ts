import { describe, expect, it } from 'vitest';
import { listHref, pageOf } from './paging';

describe('pageOf', () => {
  it('keeps the page asked for within the pages the rows make', () => {
    expect(pageOf('2', 250, 100)).toEqual({ page: 2, pages: 3, offset: 100 });
    expect(pageOf(['3', '1'], 250, 100)).toEqual({ page: 3, pages: 3, offset: 200 });
    expect(pageOf('9', 250, 100)).toEqual({ page: 3, pages: 3, offset: 200 });
    expect(pageOf(2.7, 250, 100)).toEqual({ page: 2, pages: 3, offset: 100 });
  });

  it('takes anything that is not a page number for the first page', () => {
    for (const asked of [undefined, '', 'x', '-4', '0', 'Infinity', '1e400'])
      expect(pageOf(asked, 250, 100)).toEqual({ page: 1, pages: 3, offset: 0 });
  });

  it('has one page for no rows', () => {
    expect(pageOf('5', 0, 100)).toEqual({ page: 1, pages: 1, offset: 0 });
  });
});

describe('listHref', () => {
  it('leaves out empty parameters and first pages', () => {
    expect(listHref('/docs', { q: 'a b', owner: undefined, page: 1 })).toBe('/docs?q=a+b');
    expect(listHref('/problems', { location: null, page: 1, docsPage: 3 })).toBe('/problems?docsPage=3');
    expect(listHref('/locations', { parent: '', page: 1 })).toBe('/locations');
  });
});
