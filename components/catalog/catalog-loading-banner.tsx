'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * "Loading catalog: n of m locations" while the configured catalog fills in after the first start.
 * The page behind it is server-rendered; refreshing it every few seconds updates both.
 */
export function CatalogLoadingBanner({ done, total }: { done: number; total: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), 3_000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <div
      role="status"
      className="mb-6 rounded-lg border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-slate-800 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
    >
      <span className="font-medium">
        Loading catalog: {done.toLocaleString('en-US')} of {total.toLocaleString('en-US')} locations
      </span>{' '}
      <span className="text-slate-600 dark:text-slate-400">— what is read so far is shown below and fills in as the rest is read.</span>
    </div>
  );
}
