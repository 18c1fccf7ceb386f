import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { ALL_KINDS, CATALOG_FACETS, CATALOG_SORTS, type CatalogParams } from '@/lib/catalog/queries/catalog-params';

const SORT_LABELS: Record<keyof typeof CATALOG_SORTS, string> = {
  name: 'Name',
  kind: 'Kind',
  type: 'Type',
  lifecycle: 'Lifecycle',
  owner: 'Owner',
};

/** Text filter and sort as a GET form: the selected facets (and Owned / Starred) ride along as hidden fields. */
export function CatalogToolbar({ params, summary }: { params: CatalogParams; summary: string }) {
  return (
    <form action="/catalog" method="get" role="search" aria-label="Catalog filters" className="mb-4 flex flex-wrap items-center gap-2">
      {CATALOG_FACETS.flatMap((f) =>
        params.filters[f.param].map((v) => <input key={`${f.param}=${v}`} type="hidden" name={f.param} value={v} />),
      )}
      {params.filters.kind.length === 0 && <input type="hidden" name="kind" value={ALL_KINDS} />}
      {params.more && <input type="hidden" name="more" value={params.more} />}
      {params.show !== 'all' && <input type="hidden" name="show" value={params.show} />}
      <Input
        type="search"
        name="q"
        defaultValue={params.q}
        placeholder="Filter by name, description, tag, owner…"
        aria-label="Filter the catalog"
        inline
        className="min-w-0 flex-1 basis-64"
      />
      {/* The label holds the sort field only: holding the direction too, it named the field "Sort Ascending". */}
      <span className="flex items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400">
        <label className="flex items-center gap-1.5">
          Sort
          <Select name="sort" defaultValue={params.sort} inline>
            {Object.entries(SORT_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </Select>
        </label>
        <Select name="dir" defaultValue={params.dir} aria-label="Sort direction" inline>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </Select>
      </span>
      <Button type="submit">Apply</Button>
      <p className="w-full text-sm text-slate-500 dark:text-slate-400" aria-live="polite">
        {summary}
      </p>
    </form>
  );
}
