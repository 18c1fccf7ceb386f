import Link from 'next/link';

// Shown with status 403 when a page calls forbidden() (actorWithPermission in lib/auth/authorize.ts).
export default function PortalForbidden() {
  return (
    <div className="mx-auto max-w-xl py-16 text-center">
      <p className="text-sm font-medium text-brand-600">403</p>
      <h1 className="mt-1 text-2xl font-semibold">You need admin rights</h1>
      <p className="mt-2 text-slate-600 dark:text-slate-400">
        This page is for Wayfinder admins: the GitHub logins in <code>auth.admins.logins</code> and the members of the{' '}
        <code>auth.admins.team</code> (adoption insights also for group leads). Ask one of them if you need something changed here.
      </p>
      <p className="mt-6 flex justify-center gap-4 text-sm">
        <Link href="/">Back to the home page</Link>
        <Link href="/catalog">Browse the catalog</Link>
      </p>
    </div>
  );
}
