import Link from 'next/link';

/** Pages of a newest-first list (the audit log, a repository's runs): ← Newer, "Page n of m", Older →. */
export function NewerOlderPager({
  label,
  page,
  pages,
  hrefOf,
}: {
  label: string;
  page: number;
  pages: number;
  hrefOf: (page: number) => string;
}) {
  if (pages <= 1) return null;
  return (
    <nav aria-label={label} className="mt-4 flex items-center gap-3 text-sm">
      {page > 1 && <Link href={hrefOf(page - 1)}>← Newer</Link>}
      <span className="text-slate-500 dark:text-slate-400">
        Page {page} of {pages}
      </span>
      {page < pages && <Link href={hrefOf(page + 1)}>Older →</Link>}
    </nav>
  );
}
