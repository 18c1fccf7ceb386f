import { useId, type ReactNode } from 'react';

export function Card({
  title,
  actions,
  children,
  className = '',
  id: anchor,
}: {
  /** The section's id, for links to it (`#owned`). */
  id?: string;
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  const id = useId();
  return (
    // Named by its title, so that each card is a landmark a screen reader (and a test) can find.
    <section
      id={anchor}
      aria-labelledby={title !== undefined ? id : undefined}
      className={`min-w-0 rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900 ${className}`}
    >
      {title !== undefined && (
        // A long title (a file path) wraps anywhere, and the actions go under it when there is no room beside it.
        <header className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2.5 dark:border-slate-800">
          <h2 id={id} className="min-w-0 text-sm font-semibold text-slate-800 [overflow-wrap:anywhere] dark:text-slate-100">
            {title}
          </h2>
          {actions}
        </header>
      )}
      <div className="p-4">{children}</div>
    </section>
  );
}
