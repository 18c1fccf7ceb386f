import { levelColor } from '@/components/scorecards/level-badge';
import { TimeChart } from '@/components/scorecards/time-chart';
import type { TrendPoint } from '@/lib/scorecards';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

/** The daily snapshots of one scorecard as a chart, with the same numbers as a table (for screen readers, and on request). */
export function Trend({ title, levels, points }: { title: string; levels: string[]; points: TrendPoint[] }) {
  if (points.length === 0)
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">No daily snapshot yet: the first is taken at the next full rescore.</p>
    );
  const names = [{ key: '', label: 'No level yet', i: 0 }, ...levels.map((l, i) => ({ key: l, label: l, i: i + 1 }))];
  const tableName = `${title}: entities per level by day`;
  const data = points.map((p) => ({ day: p.day.slice(5), ...Object.fromEntries(names.map((n) => [n.label, p.counts[n.key] ?? 0])) }));
  return (
    <div>
      <TimeChart data={data} series={names.map((n) => ({ key: n.label, label: n.label, color: levelColor(n.i, levels.length) }))} />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Trend as a table</summary>
        <Table inline label={tableName} className="mt-2">
          <caption className="sr-only">{tableName}</caption>
          <TableHead>
            <tr>
              <TableHeader>Day</TableHeader>
              {names.map((n) => (
                <TableHeader key={n.label} align="right">
                  {n.label}
                </TableHeader>
              ))}
            </tr>
          </TableHead>
          <TableBody>
            {points.map((p) => (
              <TableRow key={p.day}>
                <TableHeader scope="row" className="font-normal">
                  {p.day}
                </TableHeader>
                {names.map((n) => (
                  <TableCell key={n.label} align="right">
                    {p.counts[n.key] ?? 0}
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </details>
    </div>
  );
}
