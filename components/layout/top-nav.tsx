import Link from 'next/link';
import { NavLink } from './nav-link';
import { UserMenu, type MenuLink } from './user-menu';
import { Input } from '@/components/ui/input';

// `short`: the label on a phone, where five sections and the menu must fit in 390 px.
const NAV: { href: string; label: string; short?: string }[] = [
  { href: '/catalog', label: 'Catalog' },
  { href: '/create', label: 'Create' },
  { href: '/docs', label: 'Docs' },
  { href: '/scorecards', label: 'Scorecards', short: 'Scores' },
  { href: '/search', label: 'Search' },
];

/** `extra`: sections only some people see (Insights for admins and leads). */
export function TopNav({
  title,
  user,
  extra = [],
}: {
  title: string;
  user: { name: string; detail?: string; admin?: MenuLink[] };
  extra?: MenuLink[];
}) {
  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-2 px-3 sm:gap-6 sm:px-6">
        <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900 hover:no-underline dark:text-white">
          <span aria-hidden className="grid h-7 w-7 place-items-center rounded-md bg-brand-600 text-sm text-white">
            W
          </span>
          {/* On a phone the mark alone: the sections and the menu must fit in 390 px. */}
          <span className="sr-only sm:not-sr-only">{title}</span>
        </Link>
        <nav aria-label="Main" className="flex min-w-0 items-center gap-0.5 text-sm sm:gap-1">
          {NAV.map((item) => (
            <NavLink key={item.href} href={item.href}>
              {item.short ? (
                <>
                  <span className="sm:hidden">{item.short}</span>
                  <span className="hidden sm:inline">{item.label}</span>
                </>
              ) : (
                item.label
              )}
            </NavLink>
          ))}
          {/* On a phone these move into the user menu: the bar must fit in 390 px. */}
          <span className="hidden md:contents">
            {extra.map((item) => (
              <NavLink key={item.href} href={item.href}>
                {item.label}
              </NavLink>
            ))}
          </span>
        </nav>
        <form action="/search" className="ml-auto hidden md:block" role="search" aria-label="Site search">
          <Input name="q" type="search" placeholder="Search the catalog…" aria-label="Search the catalog" inline className="w-64" />
        </form>
        <div className="ml-auto md:ml-0">
          <UserMenu name={user.name} detail={user.detail} admin={user.admin} narrowOnly={extra} />
        </div>
      </div>
    </header>
  );
}
