import Link from 'next/link';
import type { ReactNode } from 'react';
import { EntityKindBadge } from '@/components/catalog/entity-kind-badge';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { LifecycleBadge } from '@/components/catalog/lifecycle-badge';
import { Badge } from '@/components/ui/badge';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';

type Props = Pick<EntitySummary, 'kind' | 'namespace' | 'name' | 'title' | 'type' | 'lifecycle'> & {
  owners: EntitySummary[];
  system: EntitySummary | null;
  /** The entity's actions (edit, refresh, …), rendered at the header's right. */
  actions?: ReactNode;
};

export function EntityHeader({ kind, namespace, name, title, type, lifecycle, owners, system, actions }: Props) {
  return (
    <header className="mb-4 flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0">
        <nav aria-label="Breadcrumb" className="mb-2 text-xs text-slate-500 dark:text-slate-400">
          <Link href="/catalog" className="text-inherit hover:text-slate-800 dark:hover:text-slate-200">
            Catalog
          </Link>
          <span className="mx-1.5">/</span>
          <Link
            href={`/catalog?kind=${encodeURIComponent(kind.toLowerCase())}`}
            className="text-inherit hover:text-slate-800 dark:hover:text-slate-200"
          >
            {kind}
          </Link>
          {namespace !== 'default' && (
            <>
              <span className="mx-1.5">/</span>
              <Link
                href={`/catalog?namespace=${encodeURIComponent(namespace.toLowerCase())}`}
                className="text-inherit hover:text-slate-800 dark:hover:text-slate-200"
              >
                {namespace}
              </Link>
            </>
          )}
        </nav>
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">{title ?? name}</h1>
          <EntityKindBadge kind={kind} />
          {type && <Badge>{type}</Badge>}
          <LifecycleBadge lifecycle={lifecycle} />
        </div>
        <dl className="mt-2 flex flex-wrap gap-x-6 gap-y-1 text-sm">
          {title && (
            <div className="flex gap-1.5">
              <dt className="text-slate-500 dark:text-slate-400">Name</dt>
              <dd className="font-mono text-[13px]">{name}</dd>
            </div>
          )}
          {owners.length > 0 && (
            <div className="flex gap-1.5">
              <dt className="text-slate-500 dark:text-slate-400">Owner</dt>
              <dd className="flex gap-2">
                {owners.map((o) => (
                  <EntityRefLink key={o.ref} target={o} />
                ))}
              </dd>
            </div>
          )}
          {system && (
            <div className="flex gap-1.5">
              <dt className="text-slate-500 dark:text-slate-400">System</dt>
              <dd>
                <EntityRefLink target={system} />
              </dd>
            </div>
          )}
        </dl>
      </div>
      {actions && <div className="flex flex-wrap items-start gap-2">{actions}</div>}
    </header>
  );
}
