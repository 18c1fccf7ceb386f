import { describe, expect, it } from 'vitest';
import { catalogHref, clearFiltersHref, hasActiveFilters, kindFormFields, parseCatalogParams, toggleFacetHref } from './catalog-params';

describe('the catalog list kind', () => {
  it.each([
    ['no kind in the URL: the default kind', {}, 'component', ['component']],
    ['no kind in the URL: the remembered kind', {}, 'api', ['api']],
    ['a remembered "all": every kind', {}, 'all', []],
    ['kind=all in the URL: every kind', { kind: 'all' }, 'component', []],
    ['a kind in the URL wins over the remembered one', { kind: 'System' }, 'api', ['system']],
  ])('%s', (_, raw: Record<string, string>, remembered, kinds) => {
    expect(parseCatalogParams(raw, remembered).filters.kind).toEqual(kinds);
  });

  it('writes every kind as kind=all, so that the link does not fall back to the default', () => {
    const all = parseCatalogParams({ kind: 'all', q: 'orders' });
    expect(catalogHref(all)).toBe('/catalog?kind=all&q=orders');
    expect(parseCatalogParams(Object.fromEntries(new URL(catalogHref(all), 'http://x').searchParams), 'component').filters.kind).toEqual(
      [],
    );
  });

  it('clears the facets and the text but keeps the kind, which has its own selector', () => {
    const p = parseCatalogParams({ kind: 'api', type: 'openapi', q: 'x' });
    expect(hasActiveFilters(p)).toBe(true);
    expect(clearFiltersHref(p)).toBe('/catalog?kind=api');
    expect(hasActiveFilters(parseCatalogParams({ kind: 'api' }))).toBe(false);
  });

  it('keeps the one facet listed in full in its links, and ignores anything but a facet other than the kind', () => {
    const p = parseCatalogParams({ kind: 'component', more: 'owner' });
    expect(p.more).toBe('owner');
    expect(toggleFacetHref(p, 'owner', 'group:default/team-a')).toBe('/catalog?kind=component&owner=group%3Adefault%2Fteam-a&more=owner');
    expect(catalogHref(p, { more: null })).toBe('/catalog?kind=component');
    for (const more of ['kind', 'Owner', 'relations', '']) expect(parseCatalogParams({ more }).more).toBeNull();
  });
});

describe('the kind selector without JavaScript', () => {
  it('sends what the list shows besides the kind, from the first page', () => {
    const p = parseCatalogParams(
      { kind: 'api', show: 'owned', q: 'orders', type: ['openapi', 'grpc'], sort: 'owner', page: '3' },
      'component',
    );
    expect(kindFormFields(p)).toEqual([
      ['type', 'openapi'],
      ['type', 'grpc'],
      ['q', 'orders'],
      ['show', 'owned'],
      ['sort', 'owner'],
    ]);
    expect(kindFormFields(parseCatalogParams({}, 'component'))).toEqual([]);
  });
});

describe('whose entities the list shows', () => {
  it.each([
    ['nothing: everyone’s', {}, 'all'],
    ['owned', { show: 'owned' }, 'owned'],
    ['starred, in any case', { show: ' Starred ' }, 'starred'],
    ['anything else: everyone’s', { show: 'mine' }, 'all'],
  ])('%s', (_, raw: Record<string, string>, show) => {
    expect(parseCatalogParams(raw).show).toBe(show);
  });

  it('keeps the choice in links and through clearing the filters, and leaves the default out', () => {
    const p = parseCatalogParams({ kind: 'api', show: 'starred', type: 'openapi' });
    expect(catalogHref(p)).toBe('/catalog?kind=api&type=openapi&show=starred');
    expect(clearFiltersHref(p)).toBe('/catalog?kind=api&show=starred');
    expect(toggleFacetHref(p, 'type', 'grpc')).toBe('/catalog?kind=api&type=openapi&type=grpc&show=starred');
    expect(catalogHref(p, { show: 'all' })).toBe('/catalog?kind=api&type=openapi');
  });
});
