import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { entityHref } from '@/lib/catalog/entity-href';
import { shortOwnerRef } from '@/lib/catalog/model/refs';
import type { RelationGroup } from '@/lib/catalog/queries/pages';
import { EntitySummaryTable } from './entity-summary-table';
import { relationLabel } from './relation-labels';

// The APIs an entity provides and consumes first (Backstage's API tab), then its dependencies
// (its Dependencies tab), then the rest of its relations.
const ORDER = ['providesApi', 'consumesApi', 'apiProvidedBy', 'apiConsumedBy', 'dependsOn', 'dependencyOf', 'hasPart', 'partOf'];
const rank = (type: string) => (ORDER.includes(type) ? ORDER.indexOf(type) : ORDER.length);

/**
 * Every relation of an entity as a table per type: each related entity with its kind, type,
 * lifecycle, owner and description (missing ones stay listed, marked as missing). The entity's
 * Relations tab; the Overview keeps the compact RelationsCard.
 */
export function RelationTables({ groups }: { groups: RelationGroup[] }) {
  if (groups.length === 0) {
    return (
      <Card title="Relations">
        <p className="text-sm text-slate-500 dark:text-slate-400">This entity has no relations.</p>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      {[...groups]
        .sort((a, b) => rank(a.type) - rank(b.type))
        .map((g) => (
          <Card
            key={g.type}
            title={
              <>
                {relationLabel(g.type)} <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">{g.targets.length}</span>
              </>
            }
          >
            <EntitySummaryTable
              rows={g.targets}
              viaLabel="Owner"
              viaOf={(r) =>
                r.owner ? (
                  <Link href={entityHref(r.owner)} className="whitespace-nowrap">
                    {shortOwnerRef(r.owner)}
                  </Link>
                ) : (
                  '—'
                )
              }
            />
          </Card>
        ))}
    </div>
  );
}
