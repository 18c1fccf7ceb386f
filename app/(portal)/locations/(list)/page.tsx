import Link from 'next/link';
import { connection } from 'next/server';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { LocationOriginBadge, LocationStatusBadge } from '@/components/catalog-actions/location-status-badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { listLocations } from '@/lib/catalog/queries/location-list';

export const metadata = { title: 'Locations' };

export default async function LocationsPage() {
  await connection();
  const locations = await listLocations();
  return (
    <>
      <PageHeader
        eyebrow="Catalog"
        title="Locations"
        description="The sources the catalog reads: from the config file, registered here or through the API, and those declared by Location entities."
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
              <TableHeader>Origin</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader>Last ingested</TableHeader>
              <TableHeader align="right">Entities</TableHeader>
              <TableHeader align="right">Errors</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {locations.map((l) => (
              <TableRow key={l.id}>
                <TableCell className="max-w-md truncate font-mono text-xs">
                  <Link href={`/locations/${l.id}`} title={l.target}>
                    {l.display}
                  </Link>
                </TableCell>
                <TableCell>{l.type}</TableCell>
                <TableCell>
                  <LocationOriginBadge origin={l.origin} />
                </TableCell>
                <TableCell>
                  <LocationStatusBadge status={l.status} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-slate-600 dark:text-slate-400">{formatTime(l.lastIngestedAt)}</TableCell>
                <TableCell align="right">{l.entityCount}</TableCell>
                <TableCell align="right" className={l.errorCount ? 'font-semibold text-red-700 dark:text-red-300' : ''}>
                  {l.errorCount}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}
