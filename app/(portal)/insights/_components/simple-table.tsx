import type { ReactNode } from 'react';

export type Column = { label: string; numeric?: boolean; srOnly?: boolean };

/** The plain tables of the insights pages: a header row, then cells (numbers right-aligned). */
export function SimpleTable({ columns, rows }: { columns: Column[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
          <tr>
            {columns.map((c) => (
              <th
                key={c.label}
                scope="col"
                className={`py-1 pr-3 font-medium ${c.numeric ? 'text-right' : ''} ${c.srOnly ? 'sr-only' : ''}`}
              >
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.key}>
              {r.cells.map((cell, i) => (
                <td key={i} className={`break-words py-1 pr-3 ${columns[i]?.numeric ? 'text-right tabular-nums' : ''}`}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
