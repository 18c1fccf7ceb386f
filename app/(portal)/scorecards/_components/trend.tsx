import { levelColor } from '@/components/scorecards/level-badge';
import { TimeChart } from '@/components/scorecards/time-chart';
import type { TrendPoint } from '@/lib/scorecards';

/** The daily snapshots of one scorecard as a chart, with the same numbers as a table (for screen readers, and on request). */
export function Trend({ title, levels, points }: { title: string; levels: string[]; points: TrendPoint[] }) {
  if (points.length === 0)
    return <p className="text-sm text-slate-500">No daily snapshot yet: the first is taken at the next full rescore.</p>;
  const names = [{ key: '', label: 'No level yet', i: 0 }, ...levels.map((l, i) => ({ key: l, label: l, i: i + 1 }))];
  const data = points.map((p) => ({ day: p.day.slice(5), ...Object.fromEntries(names.map((n) => [n.label, p.counts[n.key] ?? 0])) }));
  return (
    <div>
      <TimeChart data={data} series={names.map((n) => ({ key: n.label, label: n.label, color: levelColor(n.i, levels.length) }))} />
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Trend as a table</summary>
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-xs">
            <caption className="sr-only">{title}: entities per level by day</caption>
            <thead>
              <tr className="text-slate-500">
                <th scope="col" className="py-1 pr-3 font-medium">
                  Day
                </th>
                {names.map((n) => (
                  <th key={n.label} scope="col" className="py-1 pr-3 font-medium">
                    {n.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {points.map((p) => (
                <tr key={p.day} className="border-t border-slate-100 dark:border-slate-800">
                  <th scope="row" className="py-1 pr-3 font-normal">
                    {p.day}
                  </th>
                  {names.map((n) => (
                    <td key={n.label} className="py-1 pr-3">
                      {p.counts[n.key] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}
