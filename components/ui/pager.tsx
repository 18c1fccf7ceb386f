import Link from 'next/link';

/** The labels of a list that is not newest first. */
export const PREVIOUS_NEXT: [previous: string, next: string] = ['← Previous', 'Next →'];

/**
 * Pages of a list: ← previous, "Page n of m", next →. The labels default to a newest-first list's
 * (the audit log, a repository's runs); search results say Previous and Next.
 */
export function Pager({
  label,
  page,
  pages,
  hrefOf,
  labels = ['← Newer', 'Older →'],
}: {
  label: string;
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
  labels?: [previous: string, next: string];
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 && <Link href={hrefOf(page - 1)}>{labels[0]}</Link>}
      <span className="text-slate-500 dark:text-slate-400">
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={hrefOf(page + 1)}>{labels[1]}</Link>}
    </nav>
  );
}
