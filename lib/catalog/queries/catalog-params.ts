// The catalog list's state lives in the URL (shareable, no client JS): facet selections as
// repeated parameters (`?kind=component&kind=api&type=service`), the text filter `q`, `sort`/`dir`
// `page`, and `more` (the one facet listed in full: the others show their first values). Pure: used
// by the server query and by the links that toggle a value.
// With no `kind` in the URL the list opens on one kind (the person's last choice, else Component),
// as Backstage's does; `kind=all` is every kind mixed. `show=owned` narrows it to what the person or
// one of their groups owns, `show=starred` to what they starred (Backstage's Owned / Starred / All).

export const CATALOG_FACETS = [
  { param: 'kind', key: 'kind', label: 'Kind' },
  { param: 'type', key: 'spec.type', label: 'Type' },
  { param: 'lifecycle', key: 'spec.lifecycle', label: 'Lifecycle' },
  { param: 'owner', key: 'relations.ownedby', label: 'Owner' },
  // partOf also points at domains and parent components; the facet counts systems only.
  { param: 'system', key: 'relations.partof', label: 'System' },
  { param: 'namespace', key: 'metadata.namespace', label: 'Namespace' },
  { param: 'tag', key: 'metadata.tags', label: 'Tags' },
] as const;

export type CatalogFacet = (typeof CATALOG_FACETS)[number];
export type FacetParam = CatalogFacet['param'];

export const CATALOG_SORTS = {
  name: 'metadata.name',
  kind: 'kind',
  type: 'spec.type',
  lifecycle: 'spec.lifecycle',
  owner: 'spec.owner',
} as const;
export type SortKey = keyof typeof CATALOG_SORTS;

export const CATALOG_PAGE_SIZE = 50;

/** Whose entities the list shows: everyone's, the person's own (or their groups'), or the ones they starred. */
export const CATALOG_SHOWS = ['all', 'owned', 'starred'] as const;
export type CatalogShow = (typeof CATALOG_SHOWS)[number];

export type CatalogParams = {
  filters: Record<FacetParam, string[]>;
  q: string;
  show: CatalogShow;
  sort: SortKey;
  dir: 'asc' | 'desc';
  page: number;
  /** The facet whose every value is listed (the others list their first few and a link to the rest). */
  more: FacetParam | null;
};

type RawParams = Record<string, string | string[] | undefined>;

const list = (v: string | string[] | undefined): string[] =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((s) => s.trim().toLowerCase()).filter(Boolean);
const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** `kind=all`: no kind filter (written explicitly, since no kind at all means the default kind). */
export const ALL_KINDS = 'all';
export const DEFAULT_CATALOG_KIND = 'component';

export function parseCatalogParams(raw: RawParams, defaultKind: string = DEFAULT_CATALOG_KIND): CatalogParams {
  const filters = Object.fromEntries(CATALOG_FACETS.map((f) => [f.param, [...new Set(list(raw[f.param]))]])) as Record<
    FacetParam,
    string[]
  >;
  filters.kind = (raw.kind === undefined ? [defaultKind.toLowerCase()] : filters.kind).filter((k) => k !== ALL_KINDS);
  const sort = first(raw.sort);
  const page = Number.parseInt(first(raw.page), 10);
  const more = CATALOG_FACETS.find((f) => f.param !== 'kind' && f.param === first(raw.more));
  const show = CATALOG_SHOWS.find((s) => s === first(raw.show).trim().toLowerCase()) ?? 'all';
  return {
    filters,
    q: first(raw.q).trim().slice(0, 200),
    show,
    sort: sort in CATALOG_SORTS ? (sort as SortKey) : 'name',
    dir: first(raw.dir) === 'desc' ? 'desc' : 'asc',
    page: Number.isFinite(page) && page > 0 ? Math.min(page, 100_000) : 1,
    more: more?.param ?? null,
  };
}

/** Filters beyond the kind (which the kind selector shows on its own). */
export function hasActiveFilters(p: CatalogParams): boolean {
  return p.q !== '' || CATALOG_FACETS.some((f) => f.param !== 'kind' && p.filters[f.param].length > 0);
}

/** The /catalog URL for the given state; defaults are left out so URLs stay short. */
export function catalogHref(p: CatalogParams, change: Partial<CatalogParams> = {}): string {
  const next = { ...p, ...change };
  const qs = new URLSearchParams();
  for (const f of CATALOG_FACETS) for (const v of next.filters[f.param]) qs.append(f.param, v);
  if (next.filters.kind.length === 0) qs.set('kind', ALL_KINDS);
  if (next.q) qs.set('q', next.q);
  if (next.show !== 'all') qs.set('show', next.show);
  if (next.sort !== 'name') qs.set('sort', next.sort);
  if (next.dir !== 'asc') qs.set('dir', next.dir);
  if (next.page > 1) qs.set('page', String(next.page));
  if (next.more) qs.set('more', next.more);
  const s = qs.toString();
  return s ? `/catalog?${s}` : '/catalog';
}

/**
 * What the list shows besides the kind, as a form's hidden fields: the kind selector without
 * JavaScript submits them with the chosen kind (as its script keeps them), from page 1.
 */
export function kindFormFields(p: CatalogParams): [name: string, value: string][] {
  const href = catalogHref(p, { filters: { ...p.filters, kind: [] }, page: 1 });
  return [...new URLSearchParams(href.split('?')[1] ?? '')].filter(([name]) => name !== 'kind');
}

/** Selects or clears one facet value; a changed filter goes back to page 1. */
export function toggleFacetHref(p: CatalogParams, param: FacetParam, value: string): string {
  const current = p.filters[param];
  const values = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return catalogHref(p, { filters: { ...p.filters, [param]: values }, page: 1 });
}

/** Sorting by a column: first click ascending, clicking the sorted column flips the direction. */
export function sortHref(p: CatalogParams, sort: SortKey): string {
  const dir = p.sort === sort && p.dir === 'asc' ? 'desc' : 'asc';
  return catalogHref(p, { sort, dir, page: 1 });
}

/** Drops every facet selection but the kind (the selector above the list) and the text filter, keeping the sort and `show`. */
export function clearFiltersHref(p: CatalogParams): string {
  const filters = {
    ...(Object.fromEntries(CATALOG_FACETS.map((f) => [f.param, []])) as unknown as CatalogParams['filters']),
    kind: p.filters.kind,
  };
  return catalogHref(p, { filters, q: '', page: 1 });
}
