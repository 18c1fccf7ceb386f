import { Fragment, type ReactNode, type TdHTMLAttributes, type ThHTMLAttributes, type HTMLAttributes } from 'react';

/**
 * A data table. On a narrow screen it scrolls sideways inside its own box (the page never gets
 * wider than the phone); `label` names that box, which can then be focused and scrolled with the
 * keyboard. `bare`: no border of its own, for a table that fills a Card; `inline`: no border and no
 * margins, for a table among other content (under a chart, inside a disclosure).
 */
export function Table({
  label,
  bare = false,
  inline = false,
  className = '',
  children,
}: {
  label?: string;
  bare?: boolean;
  inline?: boolean;
  className?: string;
  children: ReactNode;
}) {
  // Bare: the negative margins take it to the Card's edges (a max-width would cut them off again).
  // Relative: an absolutely positioned cell content (an sr-only header label) is placed, and
  // clipped, inside this scroll box; without it, it sits beyond the table and widens the page.
  const box = inline
    ? ''
    : bare
      ? '-mx-4 -my-4'
      : 'max-w-full rounded-lg border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900';
  return (
    <div
      role={label ? 'region' : undefined}
      aria-label={label}
      tabIndex={label ? 0 : undefined}
      className={`relative overflow-x-auto ${box} ${className}`}
    >
      <table className="w-full text-left text-sm">{children}</table>
    </div>
  );
}

export function TableHead({ children }: { children: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-400">
      {children}
    </thead>
  );
}

export function TableBody({ children }: { children: ReactNode }) {
  return <tbody className="divide-y divide-slate-100 dark:divide-slate-800">{children}</tbody>;
}

export function TableRow({ className = '', ...props }: HTMLAttributes<HTMLTableRowElement>) {
  return <tr {...props} className={`hover:bg-slate-50 dark:hover:bg-slate-800/40 ${className}`} />;
}

const ALIGN = { left: '', right: 'text-right tabular-nums' } as const;

// A column with `collapse` is hidden on a phone; the row lists its value under the first cell
// instead (CollapsedValues), so a phone shows every value without scrolling the table sideways.
// That cell (`holdsCollapsed`) then takes the rest of the row and no more: width 100%, max-width 0.
const COLLAPSE = 'max-sm:hidden';
const HOLDS_COLLAPSED = 'max-sm:w-full max-sm:max-w-0';

export function TableHeader({
  align = 'left',
  collapse = false,
  className = '',
  ...props
}: ThHTMLAttributes<HTMLTableCellElement> & { align?: keyof typeof ALIGN; collapse?: boolean }) {
  return (
    <th
      scope="col"
      {...props}
      className={`px-3 py-2 font-medium whitespace-nowrap ${ALIGN[align]} ${collapse ? COLLAPSE : ''} ${className}`}
    />
  );
}

export function TableCell({
  align = 'left',
  collapse = false,
  holdsCollapsed = false,
  className = '',
  ...props
}: TdHTMLAttributes<HTMLTableCellElement> & { align?: keyof typeof ALIGN; collapse?: boolean; holdsCollapsed?: boolean }) {
  return (
    <td
      {...props}
      className={`px-3 py-2 ${ALIGN[align]} ${collapse ? COLLAPSE : ''} ${holdsCollapsed ? HOLDS_COLLAPSED : ''} ${className}`}
    />
  );
}

/**
 * The values of a row's collapsed columns, each after its column's name, shown on a phone only.
 * Put it in the row's first cell. `inline`: short values, side by side in a wrapping line.
 */
export function CollapsedValues({ values, inline = false }: { values: { label: string; value: ReactNode }[]; inline?: boolean }) {
  const look = 'mt-1.5 font-sans text-xs font-normal whitespace-normal text-slate-700 sm:hidden dark:text-slate-300';
  const label = 'text-slate-500 dark:text-slate-400';
  if (values.length === 0) return null;
  if (inline)
    return (
      <dl className={`flex flex-wrap items-baseline gap-x-3 gap-y-1 ${look}`}>
        {values.map(({ label: name, value }) => (
          <div key={name}>
            <dt className={`inline ${label}`}>{name}</dt> <dd className="inline">{value}</dd>
          </div>
        ))}
      </dl>
    );
  return (
    <dl className={`grid grid-cols-[auto_minmax(0,1fr)] items-baseline gap-x-3 gap-y-1 ${look}`}>
      {values.map(({ label: name, value }) => (
        <Fragment key={name}>
          <dt className={label}>{name}</dt>
          <dd className="min-w-0">{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}
