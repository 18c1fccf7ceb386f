'use client';

import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { lineStrokes, type ChartSeries } from './chart-lines';

/**
 * A line chart over days (recharts). Axis and legend text take the surrounding text colour, so it
 * reads in light and dark mode; the chart is hidden from screen readers, which get the table the
 * caller renders beside it.
 */
export function TimeChart({
  data,
  series,
  height = 220,
  marker,
}: {
  data: Record<string, string | number | null>[];
  series: ChartSeries[];
  height?: number;
  marker?: { x: string; label: string };
}) {
  return (
    <div aria-hidden="true" className="text-slate-600 dark:text-slate-300" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 16, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.15} />
          <XAxis dataKey="day" tick={{ fill: 'currentColor', fontSize: 11 }} stroke="currentColor" strokeOpacity={0.4} />
          <YAxis allowDecimals={false} tick={{ fill: 'currentColor', fontSize: 11 }} stroke="currentColor" strokeOpacity={0.4} />
          <Tooltip
            contentStyle={{
              background: 'var(--color-slate-900, #0f172a)',
              border: 'none',
              borderRadius: 6,
              color: '#f8fafc',
              fontSize: 12,
            }}
            labelStyle={{ color: '#f8fafc' }}
          />
          {/* In the series' order (recharts sorts legend items by name otherwise). */}
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => series.findIndex((s) => s.key === item.dataKey)} />
          {marker && (
            <ReferenceLine
              x={marker.x}
              stroke="currentColor"
              strokeDasharray="4 4"
              label={{ value: marker.label, fill: 'currentColor', fontSize: 11, position: 'insideTopRight' }}
            />
          )}
          {lineStrokes(series).map((s) => (
            <Line
              key={s.key}
              type="monotone"
              dataKey={s.key}
              name={s.label}
              stroke={s.color}
              strokeWidth={s.width}
              strokeOpacity={s.opacity}
              strokeDasharray={s.dash}
              dot={!s.dashed && data.length < 20}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
