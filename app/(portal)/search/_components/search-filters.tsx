import Link from 'next/link';
import { kindLabel } from '@/components/catalog/entity-kind-badge';
import { searchPageHref, type SearchPageState } from '@/components/search/page-params';
import type { SearchFacets } from '@/lib/search';

type Option = { label: string; count?: number; href: string; selected: boolean };

/**
 * The search page's filters as links (no script needed): result type, then the kinds and
 * lifecycles among the matches shown (an entity's, or a docs page's entity's) with their counts. A row of chips on a phone, a column
 * beside the results on a wide screen.
 */
export function SearchFilters({
  state,
  totals,
  facets,
}: {
  state: SearchPageState;
  totals: { entities: number; docs: number };
  facets: SearchFacets;
}) {
  const facetOptions = (key: 'kind' | 'lifecycle', any: string, label: (v: string) => string): Option[] => {
    const chosen = state[key];
    const options = facets[key];
    // A chosen value nothing matches any more stays, at 0, so that it can be seen and cleared.
    const all =
      chosen && !options.some((o) => o.value.toLowerCase() === chosen.toLowerCase()) ? [...options, { value: chosen, count: 0 }] : options;
    return [
      { label: any, href: searchPageHref(state, { [key]: null }), selected: !chosen },
      ...all.map((o) => ({
        label: label(o.value),
        count: o.count,
        href: searchPageHref(state, { [key]: o.value }),
        selected: chosen?.toLowerCase() === o.value.toLowerCase(),
      })),
    ];
  };
  return (
    <aside aria-label="Filters" className="space-y-4 text-sm">
      <FilterGroup
        title="Result type"
        options={[
          {
            label: 'All',
            count: totals.entities + totals.docs,
            href: searchPageHref(state, { type: 'all' }),
            selected: state.type === 'all',
          },
          {
            label: 'Software Catalog',
            count: totals.entities,
            href: searchPageHref(state, { type: 'software-catalog' }),
            selected: state.type === 'software-catalog',
          },
          {
            label: 'Documentation',
            count: totals.docs,
            href: searchPageHref(state, { type: 'techdocs' }),
            selected: state.type === 'techdocs',
          },
        ]}
      />
      {(facets.kind.length > 0 || state.kind) && <FilterGroup title="Kind" options={facetOptions('kind', 'Any kind', kindLabel)} />}
      {(facets.lifecycle.length > 0 || state.lifecycle) && (
        <FilterGroup title="Lifecycle" options={facetOptions('lifecycle', 'Any lifecycle', (v) => v)} />
      )}
    </aside>
  );
}

function FilterGroup({ title, options }: { title: string; options: Option[] }) {
  return (
    <nav aria-label={title}>
      <h2 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{title}</h2>
      <ul className="flex flex-wrap gap-1.5 lg:flex-col lg:gap-0.5">
        {options.map((o) => (
          <li key={o.label}>
            <Link
              href={o.href}
              aria-current={o.selected ? 'true' : undefined}
              className={`flex items-center justify-between gap-2 rounded-full px-2.5 py-1 no-underline ring-1 ring-slate-200 lg:rounded-md lg:ring-0 dark:ring-slate-700 ${
                o.selected
                  ? 'bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100'
                  : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
              }`}
            >
              <span>{o.label}</span>
              {o.count !== undefined && (
                <span className={`text-xs tabular-nums ${o.selected ? '' : 'text-slate-500 dark:text-slate-400'}`}>{o.count}</span>
              )}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
