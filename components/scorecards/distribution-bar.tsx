import { levelColor } from './level-badge';

/** One stacked bar of entities per level, with a legend that carries the numbers (colour is never the only cue). */
export function DistributionBar({ levels, counts, total }: { levels: string[]; counts: Record<string, number>; total: number }) {
  const parts = [{ name: '', label: 'No level yet', i: 0 }, ...levels.map((l, i) => ({ name: l, label: l, i: i + 1 }))];
  return (
    <div>
      <div className="flex h-3 w-full overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        {parts.map((p) => {
          const n = counts[p.name] ?? 0;
          return n ? (
            <div key={p.label} style={{ width: `${(n / Math.max(1, total)) * 100}%`, background: levelColor(p.i, levels.length) }} />
          ) : null;
        })}
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600 dark:text-slate-300">
        {parts.map((p) => (
          <li key={p.label} className="flex items-center gap-1.5">
            <span
              className="inline-block h-2.5 w-2.5 rounded-sm"
              style={{ background: levelColor(p.i, levels.length) }}
              aria-hidden="true"
            />
            {p.label}: <span className="font-medium tabular-nums">{counts[p.name] ?? 0}</span>
            {total > 0 && (
              <span className="text-slate-500 dark:text-slate-400">({Math.round(((counts[p.name] ?? 0) / total) * 100)}%)</span>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
