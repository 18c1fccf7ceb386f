import { Tabs, type TabItem } from '@/components/ui/tabs';

export const ENTITY_TABS = [
  'overview',
  'docs',
  'ci',
  'pulls',
  'relations',
  'graph',
  'definition',
  'scorecards',
  'yaml',
  'history',
  'problems',
] as const;
export type EntityTab = (typeof ENTITY_TABS)[number];

const LABELS: Record<EntityTab, string> = {
  overview: 'Overview',
  docs: 'Docs',
  ci: 'CI/CD',
  pulls: 'Pull requests',
  relations: 'Relations',
  graph: 'Graph',
  definition: 'Definition',
  scorecards: 'Scorecards',
  yaml: 'YAML',
  history: 'History',
  problems: 'Problems',
};

/** Tabs are links (`?tab=`; Docs has its own routes), so every view of an entity has its own shareable URL. */
export function EntityTabs({
  baseHref,
  tabs,
  active,
  counts,
}: {
  baseHref: string;
  tabs: EntityTab[];
  active: EntityTab;
  counts: Partial<Record<EntityTab, number>>;
}) {
  const items: TabItem[] = tabs.map((t) => {
    const count = counts[t];
    return {
      key: t,
      label: LABELS[t],
      href: t === 'overview' ? baseHref : t === 'docs' ? `${baseHref}/docs` : `${baseHref}?tab=${t}`,
      current: t === active,
      badge: count !== undefined && count > 0 && (
        <span
          className={`rounded-full px-1.5 text-xs ${t === 'problems' ? 'bg-red-100 text-red-700 dark:bg-red-900/50 dark:text-red-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}
        >
          {count}
        </span>
      ),
    };
  });
  return <Tabs label="Entity views" items={items} className="mb-6" />;
}
