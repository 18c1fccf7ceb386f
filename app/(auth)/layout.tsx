import type { ReactNode } from 'react';
import { getConfig } from '@/lib/config/load-config';

// Pages a signed-out person can see: no portal navigation, nothing from the catalog but names.
export default function AuthLayout({ children }: { children: ReactNode }) {
  const { app } = getConfig();
  return (
    <main className="mx-auto max-w-xl px-4 py-12">
      <div className="mb-8 flex items-center gap-2 font-semibold text-slate-900 dark:text-white">
        <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
          W
        </span>
        {app.title}
      </div>
      {children}
    </main>
  );
}
