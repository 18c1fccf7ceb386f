import Link from 'next/link';
import { connection } from 'next/server';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { LocationOriginBadge, LocationStatusBadge } from '@/components/catalog-actions/location-status-badge';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
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
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
              <tr>
                <th className="px-3 py-2">Target</th>
                <th className="px-3 py-2">Type</th>
                <th className="px-3 py-2">Origin</th>
                <th className="px-3 py-2">Status</th>
                <th className="px-3 py-2">Last ingested</th>
                <th className="px-3 py-2 text-right">Entities</th>
                <th className="px-3 py-2 text-right">Errors</th>
              </tr>
            </thead>
            <tbody>
              {locations.map((l) => (
                <tr key={l.id} className="border-t border-slate-100 dark:border-slate-800">
                  <td className="max-w-md truncate px-3 py-2 font-mono text-xs">
                    <Link href={`/locations/${l.id}`} title={l.target}>
                      {l.display}
                    </Link>
                  </td>
                  <td className="px-3 py-2">{l.type}</td>
                  <td className="px-3 py-2">
                    <LocationOriginBadge origin={l.origin} />
                  </td>
                  <td className="px-3 py-2">
                    <LocationStatusBadge status={l.status} />
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 text-slate-600 dark:text-slate-400">{formatTime(l.lastIngestedAt)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{l.entityCount}</td>
                  <td className={`px-3 py-2 text-right tabular-nums ${l.errorCount ? 'font-semibold text-red-700 dark:text-red-300' : ''}`}>{l.errorCount}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
