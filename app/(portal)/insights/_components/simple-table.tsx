import type { ReactNode } from 'react';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

/** `collapse` (not the first column): on a phone the column is hidden and its value listed under the row's first cell. */
export type Column = { label: string; numeric?: boolean; srOnly?: boolean; collapse?: boolean };

/**
 * The plain tables of the insights pages: a header row, then cells (numbers right-aligned). A long
 * word (a route, a repository, a search) wraps anywhere rather than push the numbers out of the card.
 */
export function SimpleTable({ columns, rows }: { columns: Column[]; rows: { key: string; cells: ReactNode[] }[] }) {
  const collapsed = columns.flatMap((c, i) => (c.collapse && i > 0 ? [i] : []));
  return (
    <Table inline>
      <TableHead>
        <tr>
          {columns.map((c, i) => (
            <TableHeader
              key={c.label}
              align={c.numeric ? 'right' : 'left'}
              collapse={collapsed.includes(i)}
              className={c.srOnly ? 'sr-only' : ''}
            >
              {c.label}
            </TableHeader>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key} className={collapsed.length ? 'align-top' : ''}>
            {r.cells.map((cell, i) =>
              i === 0 && collapsed.length ? (
                // On a phone the first cell takes the rest of the row, with the collapsed values under it.
                <TableCell key={i} holdsCollapsed className="wrap-anywhere">
                  {cell}
                  <CollapsedValues values={collapsed.map((j) => ({ label: columns[j].label, value: r.cells[j] }))} />
                </TableCell>
              ) : (
                <TableCell
                  key={i}
                  align={columns[i]?.numeric ? 'right' : 'left'}
                  collapse={collapsed.includes(i)}
                  className="wrap-anywhere"
                >
                  {cell}
                </TableCell>
              ),
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
