import { describe, expect, it } from 'vitest';
import { parsePullsQuery, pullsHref, pullStateLook } from './pull-requests';

describe('parsePullsQuery', () => {
  it.each([
    [{}, { state: 'open', page: 1 }],
    [
      { state: 'closed', page: '2' },
      { state: 'closed', page: 2 },
    ],
    [
      { state: ['all', 'open'], page: '900' },
      { state: 'all', page: 50 },
    ],
    [
      { state: 'merged', page: '0' },
      { state: 'open', page: 1 },
    ],
    [
      { state: 'OPEN', page: 'x' },
      { state: 'open', page: 1 },
    ],
  ])('%j', (query, parsed) => {
    expect(parsePullsQuery(query, 50)).toEqual(parsed);
  });
});

describe('pullsHref', () => {
  it('keeps open and the first page out of the URL', () => {
    const base = '/catalog/component/default/rates-service';
    expect(pullsHref(base, {})).toBe(`${base}?tab=pulls`);
    expect(pullsHref(base, { state: 'open', page: 1 })).toBe(`${base}?tab=pulls`);
    expect(pullsHref(base, { state: 'closed', page: 3 })).toBe(`${base}?tab=pulls&state=closed&page=3`);
  });
});

describe('pullStateLook', () => {
  it.each([
    ['open', 'Open', 'green'],
    ['draft', 'Draft', 'neutral'],
    ['merged', 'Merged', 'brand'],
    ['closed', 'Closed', 'red'],
  ])('%s', (state, label, tone) => {
    expect(pullStateLook(state)).toEqual({ label, tone });
  });
});
