import type { ReactNode } from 'react';
import { ActivityBeacon, FeedbackControl } from '@/components/insights/page-activity';
import { TopNav } from '@/components/layout/top-nav';
import { pageActor } from '@/lib/auth/authorize';
import { can, type Permission } from '@/lib/auth/permissions';
import { getConfig } from '@/lib/config/load-config';

const ADMIN_PAGES: { href: string; label: string; permission: Permission }[] = [
  { href: '/admin/leads', label: 'Group leads', permission: 'auth.lead.manage' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit.read' },
];

// Every portal page needs a signed-in person. proxy.ts redirects earlier with the callbackUrl; this
// is the server's own check for a whole page. A client navigation renders the page without this
// layout, so each page checks too (pageActor), as actions and routes do.
export default async function PortalLayout({ children }: { children: ReactNode }) {
  const { app } = getConfig();
  const actor = await pageActor();
  const detail = [actor.login && `@${actor.login}`, actor.roles.filter((r) => r !== 'member').join(', ') || 'member']
    .filter(Boolean)
    .join(' · ');
  const admin = ADMIN_PAGES.filter((p) => can(actor, p.permission)).map(({ href, label }) => ({ href, label }));
  return (
    <>
      {/* The first Tab stop: past the navigation to the page (hidden until focused). */}
      <a
        href="#content"
        className="sr-only rounded-md bg-white text-sm font-medium shadow-lg focus:not-sr-only focus:fixed focus:left-2 focus:top-2 focus:z-50 focus:px-3 focus:py-2 dark:bg-slate-900"
      >
        Skip to content
      </a>
      <TopNav
        title={app.title}
        user={{ name: actor.name, detail, admin }}
        extra={can(actor, 'insights.read') ? [{ href: '/insights', label: 'Insights' }] : []}
      />
      <main id="content" tabIndex={-1} className="mx-auto max-w-7xl px-4 py-8 outline-none sm:px-6">
        {children}
      </main>
      <footer className="mx-auto max-w-7xl border-t border-slate-200 px-4 py-4 dark:border-slate-800 sm:px-6">
        <FeedbackControl />
      </footer>
      <ActivityBeacon />
    </>
  );
}
