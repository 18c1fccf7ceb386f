import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import { EntityKindBadge } from './entity-kind-badge';
import { EntityRefLink } from './entity-ref-link';
import { LifecycleBadge } from './lifecycle-badge';

type Row = EntitySummary & { via?: string };

/** A compact table of entities (a group's owned entities, a system's parts, …). */
export function EntitySummaryTable({ rows, viaLabel, viaOf }: { rows: Row[]; viaLabel?: string; viaOf?: (row: Row) => React.ReactNode }) {
  return (
    <div className="-mx-4 -my-4 overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
          <tr>
            <th className="px-4 py-2 font-medium">Name</th>
            <th className="px-4 py-2 font-medium">Kind</th>
            <th className="px-4 py-2 font-medium">Type</th>
            <th className="px-4 py-2 font-medium">Lifecycle</th>
            {viaLabel && <th className="px-4 py-2 font-medium">{viaLabel}</th>}
            <th className="px-4 py-2 font-medium">Description</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.ref} className="hover:bg-slate-50 dark:hover:bg-slate-800/40">
              <td className="px-4 py-2 font-medium"><EntityRefLink target={r} /></td>
              <td className="px-4 py-2"><EntityKindBadge kind={r.kind} /></td>
              <td className="px-4 py-2 text-slate-600 dark:text-slate-300">{r.type ?? '—'}</td>
              <td className="px-4 py-2"><LifecycleBadge lifecycle={r.lifecycle} /></td>
              {viaLabel && <td className="px-4 py-2">{viaOf?.(r)}</td>}
              <td className="max-w-md truncate px-4 py-2 text-slate-500 dark:text-slate-400" title={r.description ?? undefined}>{r.description ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
