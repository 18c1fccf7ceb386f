import { ALL_KINDS, CATALOG_FACETS, CATALOG_SORTS, type CatalogParams } from '@/lib/catalog/queries/catalog-params';

const SORT_LABELS: Record<keyof typeof CATALOG_SORTS, string> = { name: 'Name', kind: 'Kind', type: 'Type', lifecycle: 'Lifecycle', owner: 'Owner' };

/** Text filter and sort as a GET form: the selected facets ride along as hidden fields. */
export function CatalogToolbar({ params, summary }: { params: CatalogParams; summary: string }) {
  const field =
    'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 dark:border-slate-700 dark:bg-slate-950';
  return (
    <form action="/catalog" method="get" role="search" className="mb-4 flex flex-wrap items-center gap-2">
      {CATALOG_FACETS.flatMap((f) => params.filters[f.param].map((v) => <input key={`${f.param}=${v}`} type="hidden" name={f.param} value={v} />))}
      {params.filters.kind.length === 0 && <input type="hidden" name="kind" value={ALL_KINDS} />}
      <input
        type="search"
        name="q"
        defaultValue={params.q}
        placeholder="Filter by name, description, tag, owner…"
        aria-label="Filter the catalog"
        className={`${field} min-w-0 flex-1 basis-64 placeholder:text-slate-400`}
      />
      <label className="flex items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400">
        Sort
        <select name="sort" defaultValue={params.sort} className={field}>
          {Object.entries(SORT_LABELS).map(([k, label]) => (
            <option key={k} value={k}>{label}</option>
          ))}
        </select>
        <select name="dir" defaultValue={params.dir} aria-label="Sort direction" className={field}>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </label>
      <button type="submit" className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-brand-700">
        Apply
      </button>
      <p className="w-full text-sm text-slate-500 dark:text-slate-400" aria-live="polite">{summary}</p>
    </form>
  );
}
