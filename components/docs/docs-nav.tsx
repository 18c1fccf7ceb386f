import Link from 'next/link';
import type { NavItem } from '@/lib/docs';

/** The navigation of a docs site; missing pages (a nav entry without a file) are marked, not hidden. */
export function DocsNav({ nav, pageBase, current }: { nav: NavItem[]; pageBase: string; current: string }) {
  return (
    <ul className="space-y-0.5 text-sm">
      {nav.map((item, i) => (
        <Item key={i} item={item} pageBase={pageBase} current={current} />
      ))}
    </ul>
  );
}

function Item({ item, pageBase, current }: { item: NavItem; pageBase: string; current: string }) {
  if (item.kind === 'section') {
    return (
      <li className="pt-2">
        <span className="block px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
          {item.title}
        </span>
        <ul className="space-y-0.5 border-l border-slate-200 pl-2 dark:border-slate-800">
          {item.children.map((c, i) => (
            <Item key={i} item={c} pageBase={pageBase} current={current} />
          ))}
        </ul>
      </li>
    );
  }
  if (item.kind === 'link') {
    return (
      <li>
        <a
          href={item.url}
          rel="noopener noreferrer"
          target="_blank"
          className="block rounded px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
        >
          {item.title} <span aria-hidden>↗</span>
        </a>
      </li>
    );
  }
  if (item.missing) {
    return (
      <li>
        <span
          className="block rounded px-2 py-1 text-red-700 line-through dark:text-red-300"
          title={`${item.file} is not in the docs folder`}
        >
          {item.title} <span className="text-xs no-underline">(missing: {item.file})</span>
        </span>
      </li>
    );
  }
  const active = item.path === current;
  const href = `${pageBase}${item.path ? `/${item.path.split('/').map(encodeURIComponent).join('/')}` : ''}`;
  return (
    <li>
      <Link
        href={href}
        aria-current={active ? 'page' : undefined}
        className={`block rounded px-2 py-1 hover:no-underline ${active ? 'bg-brand-50 font-medium text-brand-700 dark:bg-slate-800 dark:text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
      >
        {item.title}
      </Link>
    </li>
  );
}
