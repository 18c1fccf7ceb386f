'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

type Point = { week: string; value: number | null };

// A metric's weekly trend. Colours come from currentColor and CSS classes, so the chart follows the
// light or dark theme; the chart itself is hidden from screen readers, which get the table beside it.
export function TrendChart({
  title,
  points,
  target,
  unit,
}: {
  title: string;
  points: Point[];
  target: number;
  unit: 'percent' | 'minutes';
}) {
  const suffix = unit === 'percent' ? '%' : ' min';
  const show = (v: number | null) => (v === null ? 'no data' : `${v}${suffix}`);
  return (
    <figure className="min-w-0">
      <div aria-hidden className="h-40 w-full text-slate-500 dark:text-slate-400">
        <ResponsiveContainer width="100%" height="100%">
          <LineChart accessibilityLayer={false} data={points} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid stroke="currentColor" strokeOpacity={0.15} vertical={false} />
            <XAxis
              dataKey="week"
              tickFormatter={(w: string) => w.slice(5)}
              tick={{ fill: 'currentColor', fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.3}
              minTickGap={16}
            />
            <YAxis
              domain={unit === 'percent' ? [0, 100] : [0, 'auto']}
              tick={{ fill: 'currentColor', fontSize: 11 }}
              stroke="currentColor"
              strokeOpacity={0.3}
              width={48}
            />
            <Tooltip
              formatter={(v) => show(typeof v === 'number' ? v : null)}
              labelFormatter={(w) => `Week of ${String(w)}`}
              wrapperClassName="rounded-md border border-slate-200 bg-white text-slate-800 shadow-sm dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
              contentStyle={{ background: 'transparent', border: 'none', color: 'inherit', fontSize: 12 }}
            />
            <ReferenceLine
              y={target}
              stroke="#d97706"
              strokeDasharray="4 4"
              label={{ value: `target ${target}${suffix}`, fill: '#d97706', fontSize: 11, position: 'insideTopRight' }}
            />
            <Line
              type="monotone"
              dataKey="value"
              name={title}
              stroke="#2f7cf6"
              strokeWidth={2}
              dot={{ r: 2 }}
              connectNulls
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
      {/* sr-only on a wrapper: a table ignores a width below its content's and would widen the page. */}
      <div className="sr-only">
        <table>
          <caption>
            {title}: weekly values (target {target}
            {suffix})
          </caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {points.map((p) => (
              <tr key={p.week}>
                <td>{p.week}</td>
                <td>{show(p.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
