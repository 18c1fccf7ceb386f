import Link from 'next/link';
import { CATALOG_PAGE_SIZE, catalogHref, type CatalogParams } from '@/lib/catalog/queries/catalog-params';

export function Pagination({ params, total }: { params: CatalogParams; total: number }) {
  const pages = Math.max(1, Math.ceil(total / CATALOG_PAGE_SIZE));
  if (pages <= 1) return null;
  const page = Math.min(params.page, pages);
  const window = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  const cell = 'min-w-9 rounded-md px-2.5 py-1.5 text-center text-sm hover:no-underline';
  return (
    <nav aria-label="Pagination" className="mt-4 flex flex-wrap items-center justify-between gap-3">
      <Link
        aria-disabled={page <= 1}
        href={catalogHref(params, { page: Math.max(1, page - 1) })}
        className={`${cell} border border-slate-300 dark:border-slate-700 ${page <= 1 ? 'pointer-events-none opacity-40' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
      >
        ← Previous
      </Link>
      <ol className="flex items-center gap-1">
        {window.map((p, i) => (
          <li key={p} className="flex items-center gap-1">
            {i > 0 && window[i - 1] !== p - 1 && <span className="px-1 text-slate-500 dark:text-slate-400">…</span>}
            <Link
              href={catalogHref(params, { page: p })}
              aria-current={p === page ? 'page' : undefined}
              className={`${cell} ${p === page ? 'bg-brand-600 font-medium text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
            >
              {p}
            </Link>
          </li>
        ))}
      </ol>
      <Link
        aria-disabled={page >= pages}
        href={catalogHref(params, { page: Math.min(pages, page + 1) })}
        className={`${cell} border border-slate-300 dark:border-slate-700 ${page >= pages ? 'pointer-events-none opacity-40' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
      >
        Next →
      </Link>
    </nav>
  );
}
