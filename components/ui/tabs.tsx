import Link from 'next/link';
import type { ReactNode } from 'react';

export type TabItem = { key: string; label: ReactNode; href: string; current: boolean; badge?: ReactNode };

/**
 * Tabs that are links: each view has its own URL (shareable, works without JavaScript, the browser's
 * back button goes to the previous tab); the current one carries aria-current="page". They wrap
 * rather than scroll: on a phone a scrolled row hid the current tab and every tab after it.
 */
export function Tabs({ label, items, className = '' }: { label: string; items: TabItem[]; className?: string }) {
  return (
    <nav aria-label={label} className={`border-b border-slate-200 dark:border-slate-800 ${className}`}>
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {items.map((t) => (
          <li key={t.key}>
            <Link
              href={t.href}
              aria-current={t.current ? 'page' : undefined}
              className={`inline-flex items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium whitespace-nowrap hover:no-underline ${
                t.current
                  ? 'border-brand-600 text-brand-700 dark:border-brand-500 dark:text-white'
                  : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white'
              }`}
            >
              {t.label}
              {t.badge}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A segmented switch of links between a few views of one thing (the graph's depth, a definition's view). */
export function SegmentedLinks({ label, items }: { label: string; items: TabItem[] }) {
  return (
    <div
      role="group"
      aria-label={label}
      className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm dark:border-slate-700"
    >
      {items.map((t) => (
        <Link
          key={t.key}
          href={t.href}
          aria-current={t.current ? 'true' : undefined}
          className={`px-3 py-1 hover:no-underline ${t.current ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
        >
          {t.label}
        </Link>
      ))}
    </div>
  );
}
