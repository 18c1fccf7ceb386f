import type { ReactNode } from 'react';
import { TopNav } from '@/components/layout/top-nav';
import { getConfig } from '@/lib/config/load-config';

export default function PortalLayout({ children }: { children: ReactNode }) {
  const { app } = getConfig();
  return (
    <>
      <TopNav title={app.title} />
      <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
    </>
  );
}
