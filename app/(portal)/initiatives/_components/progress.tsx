/** Done of total as a bar and in words (the words carry the meaning; the bar is decoration). */
export function Progress({ done, total, goal }: { done: number; total: number; goal: string }) {
  const pct = total ? Math.round((done / total) * 100) : 100;
  return (
    <div className="mt-2">
      <div className="h-2 w-full overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800" aria-hidden="true">
        <div className="h-full bg-emerald-500" style={{ width: `${pct}%` }} />
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-300">
        {done} of {total} {total === 1 ? 'entity has' : 'entities have'} {goal.replace(/^reach/, 'reached').replace(/^pass/, 'passed')} (
        {pct}%)
      </p>
    </div>
  );
}
