import type { ReactNode } from 'react';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

export type Column = { label: string; numeric?: boolean; srOnly?: boolean };

/**
 * The plain tables of the insights pages: a header row, then cells (numbers right-aligned). A long
 * word (a route, a repository, a search) wraps anywhere rather than push the numbers out of the card.
 */
export function SimpleTable({ columns, rows }: { columns: Column[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <Table inline>
      <TableHead>
        <tr>
          {columns.map((c) => (
            <TableHeader key={c.label} align={c.numeric ? 'right' : 'left'} className={c.srOnly ? 'sr-only' : ''}>
              {c.label}
            </TableHeader>
          ))}
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.key}>
            {r.cells.map((cell, i) => (
              <TableCell key={i} align={columns[i]?.numeric ? 'right' : 'left'} className="wrap-anywhere">
                {cell}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
