import Link from 'next/link';
import { connection } from 'next/server';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { LocationOriginBadge, LocationStatusBadge } from '@/components/catalog-actions/location-status-badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { distinctTails, PathText } from '@/components/ui/path-text';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getLocationName, listLocations } from '@/lib/catalog/queries/location-list';
import { Pager, PREVIOUS_NEXT } from '@/components/ui/pager';
import { listHref } from '@/lib/http/paging';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Locations' };

type Props = { searchParams: Promise<{ parent?: string | string[]; page?: string | string[] }> };

export default async function LocationsPage({ searchParams }: Props) {
  await connection();
  await pageActor();
  const query = await searchParams;
  const asked = Array.isArray(query.parent) ? query.parent[0] : query.parent;
  const parent = asked ? await getLocationName(asked) : null;
  const { locations, total, page, pages } = await listLocations({ parentId: parent?.id, page: query.page });
  // On a phone a row shows the end of its path that tells it apart (the whole path on hover).
  const tails = distinctTails(locations.map((l) => l.display));
  return (
    <>
      <PageHeader
        eyebrow="Catalog"
        title="Locations"
        description={
          parent ? (
            <>
              The {total.toLocaleString('en-US')} locations declared by <Link href={`/locations/${parent.id}`}>{parent.display}</Link>.{' '}
              <Link href="/locations">All locations</Link>
            </>
          ) : (
            `The sources the catalog reads: from the config file, registered here or through the API, and those declared by Location entities (${total.toLocaleString('en-US')} in all).`
          )
        }
        actions={
          <Link href="/catalog-import" className={buttonClass('primary')}>
            Register a location
          </Link>
        }
      />
      {locations.length === 0 ? (
        <EmptyState title="No locations yet">
          <Link href="/catalog-import">Register a catalog-info.yaml</Link> to fill the catalog.
        </EmptyState>
      ) : (
        <Table label="Locations">
          <TableHead>
            <tr>
              <TableHeader>Target</TableHeader>
              <TableHeader>Type</TableHeader>
              <TableHeader collapse>Origin</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader collapse>Last ingested</TableHeader>
              <TableHeader collapse align="right">
                Entities
              </TableHeader>
              <TableHeader collapse align="right">
                Errors
              </TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {locations.map((l, i) => {
              const errors = l.errorCount ? 'font-semibold text-red-700 dark:text-red-300' : '';
              return (
                <TableRow key={l.id} className="align-top">
                  <TableCell className="font-mono text-xs">
                    <Link href={`/locations/${l.id}`} prefetch={false} title={l.target}>
                      <PathText text={l.display} className="max-sm:hidden" />
                      <PathText text={tails[i]} className="sm:hidden" />
                    </Link>
                    <CollapsedValues
                      inline
                      values={[
                        { label: 'Origin', value: <LocationOriginBadge origin={l.origin} /> },
                        { label: 'Last ingested', value: formatTime(l.lastIngestedAt) },
                        { label: 'Entities', value: l.entityCount },
                        { label: 'Errors', value: <span className={errors}>{l.errorCount}</span> },
                      ]}
                    />
                  </TableCell>
                  <TableCell>{l.type}</TableCell>
                  <TableCell collapse className="whitespace-nowrap">
                    <LocationOriginBadge origin={l.origin} />
                  </TableCell>
                  <TableCell>
                    <LocationStatusBadge status={l.status} />
                  </TableCell>
                  <TableCell collapse className="whitespace-nowrap text-slate-600 dark:text-slate-400">
                    {formatTime(l.lastIngestedAt)}
                  </TableCell>
                  <TableCell collapse align="right">
                    {l.entityCount}
                  </TableCell>
                  <TableCell collapse align="right" className={errors}>
                    {l.errorCount}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Pager
        label="Location pages"
        page={page}
        pages={pages}
        hrefOf={(n) => listHref('/locations', { parent: parent?.id, page: n })}
        labels={PREVIOUS_NEXT}
      />
    </>
  );
}
