import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import { EntityKindBadge } from './entity-kind-badge';
import { EntityRefLink } from './entity-ref-link';
import { LifecycleBadge } from './lifecycle-badge';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

type Row = EntitySummary & { via?: string };

/**
 * A compact table of entities (a group's owned entities, a system's parts, …). On a phone only the
 * name is a column, the other values are listed under it, and a long name is cut (full on hover).
 */
export function EntitySummaryTable({ rows, viaLabel, viaOf }: { rows: Row[]; viaLabel?: string; viaOf?: (row: Row) => React.ReactNode }) {
  return (
    <Table bare>
      <TableHead>
        <tr>
          <TableHeader>Name</TableHeader>
          <TableHeader collapse>Kind</TableHeader>
          <TableHeader collapse>Type</TableHeader>
          <TableHeader collapse>Lifecycle</TableHeader>
          {viaLabel && <TableHeader collapse>{viaLabel}</TableHeader>}
          <TableHeader collapse>Description</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.ref} className="align-top">
            <TableCell holdsCollapsed className="font-medium">
              <EntityRefLink target={r} />
              <CollapsedValues
                values={[
                  { label: 'Kind', value: <EntityKindBadge kind={r.kind} /> },
                  { label: 'Type', value: r.type ?? '—' },
                  ...(r.lifecycle ? [{ label: 'Lifecycle', value: <LifecycleBadge lifecycle={r.lifecycle} /> }] : []),
                  ...(viaLabel ? [{ label: viaLabel, value: viaOf?.(r) }] : []),
                  ...(r.description ? [{ label: 'Description', value: r.description }] : []),
                ]}
              />
            </TableCell>
            <TableCell collapse>
              <EntityKindBadge kind={r.kind} />
            </TableCell>
            <TableCell collapse className="text-slate-600 dark:text-slate-300">
              {r.type ?? '—'}
            </TableCell>
            <TableCell collapse>
              <LifecycleBadge lifecycle={r.lifecycle} />
            </TableCell>
            {viaLabel && <TableCell collapse>{viaOf?.(r)}</TableCell>}
            {/* Width 100% with max-width 0: the description takes the room the other columns leave, cut short. */}
            <TableCell collapse className="w-full max-w-0 truncate text-slate-500 dark:text-slate-400" title={r.description ?? undefined}>
              {r.description ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
