import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import { EntityKindBadge } from './entity-kind-badge';
import { EntityRefLink } from './entity-ref-link';
import { LifecycleBadge } from './lifecycle-badge';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

type Row = EntitySummary & { via?: string };

/** A compact table of entities (a group's owned entities, a system's parts, …). */
export function EntitySummaryTable({ rows, viaLabel, viaOf }: { rows: Row[]; viaLabel?: string; viaOf?: (row: Row) => React.ReactNode }) {
  return (
    <Table bare>
      <TableHead>
        <tr>
          <TableHeader>Name</TableHeader>
          <TableHeader>Kind</TableHeader>
          <TableHeader>Type</TableHeader>
          <TableHeader>Lifecycle</TableHeader>
          {viaLabel && <TableHeader>{viaLabel}</TableHeader>}
          <TableHeader>Description</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.ref}>
            <TableCell className="font-medium">
              <EntityRefLink target={r} />
            </TableCell>
            <TableCell>
              <EntityKindBadge kind={r.kind} />
            </TableCell>
            <TableCell className="text-slate-600 dark:text-slate-300">{r.type ?? '—'}</TableCell>
            <TableCell>
              <LifecycleBadge lifecycle={r.lifecycle} />
            </TableCell>
            {viaLabel && <TableCell>{viaOf?.(r)}</TableCell>}
            <TableCell className="max-w-md truncate text-slate-500 dark:text-slate-400" title={r.description ?? undefined}>
              {r.description ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
