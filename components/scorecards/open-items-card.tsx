import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { entityHref } from '@/lib/catalog/entity-href';
import type { HomeItem } from '@/lib/scorecards';
import { MiniMarkdown } from '@/components/ui/mini-markdown';

/** Home page: what of the person's teams an initiative still waits for, soonest deadline first, each with how to fix it. */
export function OpenItemsCard({ items }: { items: HomeItem[] }) {
  if (items.length === 0) return null;
  const shown = items.slice(0, 8);
  return (
    <Card
      title="Your teams’ next steps"
      actions={
        <Link href="/initiatives" className="text-xs">
          Initiatives →
        </Link>
      }
      className="mb-8"
    >
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">
        Initiatives your teams are part of still wait for these. Each says how to get there.
      </p>
      <ul className="divide-y divide-slate-100 dark:divide-slate-800">
        {shown.map((item) => (
          <li key={`${item.initiativeId}-${item.ref}`} className="py-2 text-sm">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <Link href={`${entityHref(item.ref)}?tab=scorecards`} className="font-medium">
                {item.ref.replace(/^[a-z]+:default\//, '')}
              </Link>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                <Link href={`/initiatives/${item.initiativeId}`}>{item.title}</Link> · by {item.deadline}
              </span>
            </div>
            {item.failing[0] && (
              <p className="mt-0.5 text-slate-600 dark:text-slate-300">
                {item.failing[0].title}
                {item.failing.length > 1 ? ` (+${item.failing.length - 1} more)` : ''}: <MiniMarkdown text={item.failing[0].remediation} />
              </p>
            )}
          </li>
        ))}
      </ul>
      {items.length > shown.length && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">and {items.length - shown.length} more on the initiative pages.</p>
      )}
    </Card>
  );
}
