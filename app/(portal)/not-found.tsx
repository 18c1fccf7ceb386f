import Link from 'next/link';

export default function PortalNotFound() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-medium text-brand-600 dark:text-brand-100">404</p>
      <h1 className="mt-1 text-2xl font-semibold">Not in the catalog</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        Nothing lives at this address. It may have been renamed or removed from its source.
      </p>
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <Link href="/catalog">Browse the catalog</Link>
        <Link href="/search">Search</Link>
      </p>
    </div>
  );
}
