import { Card } from '@/components/ui/card';
import type { RelationGroup } from '@/lib/catalog/queries/pages';
import { EntityRefLink } from './entity-ref-link';
import { relationLabel } from './relation-labels';

/** All relations of an entity, grouped by type; missing targets stay listed, marked as missing. */
export function RelationsCard({ groups, title = 'Relations' }: { groups: RelationGroup[]; title?: string }) {
  const total = groups.reduce((n, g) => n + g.targets.length, 0);
  return (
    <Card
      title={
        <>
          {title} <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">{total}</span>
        </>
      }
    >
      {groups.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">This entity has no relations.</p>
      ) : (
        <dl className="space-y-4">
          {groups.map((g) => (
            <div key={g.type}>
              <dt className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                {relationLabel(g.type)} <span className="font-normal normal-case">({g.targets.length})</span>
              </dt>
              <dd>
                <ul className="flex flex-wrap gap-x-4 gap-y-1.5 text-sm">
                  {g.targets.map((t) => (
                    <li key={t.ref} className="min-w-0">
                      <EntityRefLink target={t} showKind />
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </Card>
  );
}
