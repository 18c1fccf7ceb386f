import Link from 'next/link';
import { DismissDisclosure } from '@/components/ui/dismiss-disclosure';
import { signOutAction } from '@/lib/auth/actions';

export type MenuLink = { href: string; label: string };

const itemClass =
  'block rounded px-3 py-1.5 text-slate-700 hover:bg-slate-100 hover:no-underline dark:text-slate-200 dark:hover:bg-slate-800';

// The signed-in person, top right: a native <details> menu (works without JavaScript; with it,
// Escape or a click outside closes it). `admin` holds
// the admin pages this person may open (the layout decides; each page checks again).
// `narrowOnly`: sections of the main navigation that only fit the bar on wider screens.
export function UserMenu({
  name,
  detail,
  admin = [],
  narrowOnly = [],
}: {
  name: string;
  detail?: string;
  admin?: MenuLink[];
  narrowOnly?: MenuLink[];
}) {
  return (
    <details className="relative">
      <DismissDisclosure />
      <summary
        aria-label={`${name}, user menu`}
        className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-1 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
      >
        {/* The initial is drawn by CSS, so the visible text is the name the label starts with. */}
        <span
          aria-hidden
          data-initial={name.slice(0, 1).toUpperCase()}
          className="grid h-6 w-6 place-items-center rounded-full bg-slate-200 text-xs font-semibold before:content-[attr(data-initial)] dark:bg-slate-700"
        />
        <span data-testid="user-name" className="sr-only sm:not-sr-only">
          {name}
        </span>
      </summary>
      <div className="absolute right-0 z-40 mt-1 w-56 rounded-md border border-slate-200 bg-white p-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900">
        {detail && <p className="px-3 py-1.5 text-xs text-slate-500 dark:text-slate-400">{detail}</p>}
        {narrowOnly.map((l) => (
          <Link key={l.href} href={l.href} className={`${itemClass} md:hidden`}>
            {l.label}
          </Link>
        ))}
        <Link href="/settings" className={itemClass}>
          Settings
        </Link>
        <Link href="/settings/tokens" className={itemClass}>
          API tokens
        </Link>
        <Link href="/settings/github" className={itemClass}>
          GitHub integration
        </Link>
        {admin.length > 0 && (
          <div role="group" aria-label="Admin" className="mt-1 border-t border-slate-100 pt-1 dark:border-slate-800">
            <p className="px-3 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Admin</p>
            {admin.map((l) => (
              <Link key={l.href} href={l.href} className={itemClass}>
                {l.label}
              </Link>
            ))}
          </div>
        )}
        <form action={signOutAction} className="mt-1 border-t border-slate-100 pt-1 dark:border-slate-800">
          <button
            type="submit"
            className="block w-full rounded px-3 py-1.5 text-left text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
          >
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
