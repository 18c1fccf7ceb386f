import Link from 'next/link';
import { entityHref } from '@/lib/catalog/entity-href';
import { EntityKindBadge } from '@/components/catalog/entity-kind-badge';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { LifecycleBadge } from '@/components/catalog/lifecycle-badge';
import { StarButton } from '@/components/catalog-actions/star-button';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import type { CatalogRow } from '@/lib/catalog/queries/catalog-list';
import { sortHref, type CatalogParams, type SortKey } from '@/lib/catalog/queries/catalog-params';

// Columns adapt to the width: name and owner always (a phone look-up), then type, kind (only when
// several kinds are listed), lifecycle, system and tags as the screen widens. Cells wrap rather than clip.
const COLUMN = {
  type: 'hidden sm:table-cell',
  kind: 'hidden md:table-cell',
  lifecycle: 'hidden lg:table-cell',
  system: 'hidden xl:table-cell',
  tags: 'hidden xl:table-cell',
} as const;

function SortHeader({
  params,
  sort,
  children,
  className = '',
}: {
  params: CatalogParams;
  sort: SortKey;
  children: string;
  className?: string;
}) {
  const active = params.sort === sort;
  return (
    <TableHeader className={className} aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
      <Link
        href={sortHref(params, sort)}
        className={`inline-flex items-center gap-1 hover:no-underline ${active ? 'text-slate-900 dark:text-white' : 'text-inherit hover:text-slate-800 dark:hover:text-slate-200'}`}
      >
        {children}
        <span aria-hidden className={active ? '' : 'opacity-0'}>
          {params.dir === 'desc' && active ? '↓' : '↑'}
        </span>
      </Link>
    </TableHeader>
  );
}

/** `canStar`: the viewer is a person, who can star a row (a ☆ beside its name). */
function NameCell({ row: r }: { row: CatalogRow }) {
  return (
    <>
      <Link href={entityHref(r)} prefetch={false} className="font-medium">
        {r.title ?? r.name}
      </Link>
      {(r.title || r.namespace !== 'default') && (
        <span className="ml-1.5 text-xs text-slate-500 dark:text-slate-400">
          {r.namespace !== 'default' ? `${r.namespace}/${r.name}` : r.name}
        </span>
      )}
      {r.description && (
        <p className="mt-0.5 line-clamp-2 text-xs text-slate-500 dark:text-slate-400" title={r.description}>
          {r.description}
        </p>
      )}
    </>
  );
}

export function CatalogTable({
  params,
  rows,
  showKind = true,
  canStar = false,
}: {
  params: CatalogParams;
  rows: CatalogRow[];
  showKind?: boolean;
  canStar?: boolean;
}) {
  return (
    <Table label="Entities">
      <TableHead>
        <tr>
          <SortHeader params={params} sort="name">
            Name
          </SortHeader>
          {showKind && (
            <SortHeader params={params} sort="kind" className={COLUMN.kind}>
              Kind
            </SortHeader>
          )}
          <SortHeader params={params} sort="type" className={COLUMN.type}>
            Type
          </SortHeader>
          <SortHeader params={params} sort="lifecycle" className={COLUMN.lifecycle}>
            Lifecycle
          </SortHeader>
          <SortHeader params={params} sort="owner">
            Owner
          </SortHeader>
          <TableHeader className={COLUMN.system}>System</TableHeader>
          <TableHeader className={COLUMN.tags}>Tags</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.ref} className="align-top">
            <TableCell className="sm:min-w-56">
              {canStar ? (
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <NameCell row={r} />
                  </div>
                  {/* Not on a phone, where the name needs the room (the entity page has its star). */}
                  <div className="hidden sm:block">
                    <StarButton entityRef={r.ref} starred={r.starred} compact label={r.title ?? r.name} />
                  </div>
                </div>
              ) : (
                <NameCell row={r} />
              )}
            </TableCell>
            {showKind && (
              <TableCell className={`${COLUMN.kind}`}>
                <EntityKindBadge kind={r.kind} />
              </TableCell>
            )}
            <TableCell className={`text-slate-600 dark:text-slate-300 ${COLUMN.type}`}>
              {r.type ?? <span className="text-slate-500 dark:text-slate-400">—</span>}
            </TableCell>
            <TableCell className={`${COLUMN.lifecycle}`}>
              <LifecycleBadge lifecycle={r.lifecycle} />
            </TableCell>
            <TableCell>
              {r.owner ? <EntityRefLink target={r.owner} wrap /> : <span className="text-slate-500 dark:text-slate-400">—</span>}
            </TableCell>
            <TableCell className={`${COLUMN.system}`}>
              {r.system ? <EntityRefLink target={r.system} wrap /> : <span className="text-slate-500 dark:text-slate-400">—</span>}
            </TableCell>
            <TableCell className={`min-w-32 ${COLUMN.tags}`}>
              <div className="flex flex-wrap gap-1">
                {r.tags.slice(0, 3).map((t) => (
                  <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                    {t}
                  </span>
                ))}
                {r.tags.length > 3 && (
                  <span className="text-xs text-slate-500 dark:text-slate-400" title={r.tags.slice(3).join(', ')}>
                    +{r.tags.length - 3}
                  </span>
                )}
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
