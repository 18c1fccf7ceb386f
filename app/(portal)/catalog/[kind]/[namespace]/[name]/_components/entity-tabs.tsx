import Link from 'next/link';

export const ENTITY_TABS = ['overview', 'docs', 'relations', 'graph', 'definition', 'scorecards', 'yaml', 'history', 'problems'] as const;
export type EntityTab = (typeof ENTITY_TABS)[number];

const LABELS: Record<EntityTab, string> = {
  overview: 'Overview',
  docs: 'Docs',
  relations: 'Relations',
  graph: 'Graph',
  definition: 'Definition',
  scorecards: 'Scorecards',
  yaml: 'YAML',
  history: 'History',
  problems: 'Problems',
};

/** Tabs are links (`?tab=`; Docs has its own routes), so every view of an entity has its own shareable URL. */
export function EntityTabs({ baseHref, tabs, active, counts }: { baseHref: string; tabs: EntityTab[]; active: EntityTab; counts: Partial<Record<EntityTab, number>> }) {
  return (
    <nav aria-label="Entity views" className="mb-6 border-b border-slate-200 dark:border-slate-800">
      <ul className="-mb-px flex gap-1 overflow-x-auto">
        {tabs.map((t) => {
          const current = t === active;
          const count = counts[t];
          return (
            <li key={t}>
              <Link
                href={t === 'overview' ? baseHref : t === 'docs' ? `${baseHref}/docs` : `${baseHref}?tab=${t}`}
                aria-current={current ? 'page' : undefined}
                className={`inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap hover:no-underline ${
                  current
                    ? 'border-brand-600 text-brand-700 dark:border-brand-500 dark:text-white'
                    : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'
                }`}
              >
                {LABELS[t]}
                {count !== undefined && count > 0 && (
                  <span className={`rounded-full px-1.5 text-xs ${t === 'problems' ? 'bg-red-100 text-red-700 dark:bg-red-900/50 dark:text-red-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}>{count}</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
