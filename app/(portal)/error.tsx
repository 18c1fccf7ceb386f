'use client';

import { buttonClass } from '@/components/ui/button';

// Shows no internals: the digest lets an operator find the logged error.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        The page could not be shown. Try again; if it keeps failing, give this reference to your platform team:
      </p>
      <p className="mt-3 font-mono text-sm text-slate-500">{error.digest ?? 'no reference'}</p>
      <button type="button" onClick={reset} className={`${buttonClass('primary')} mt-6`}>
        Try again
      </button>
    </div>
  );
}
