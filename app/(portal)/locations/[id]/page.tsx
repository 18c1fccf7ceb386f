import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { LocationOriginBadge, LocationStatusBadge } from '@/components/catalog-actions/location-status-badge';
import { formatTime, ProcessingErrorList } from '@/components/catalog-actions/processing-error-list';
import { RefreshLocationButton } from '@/components/catalog-actions/refresh-button';
import { UnregisterLocationButton } from '@/components/catalog-actions/unregister-location-button';
import { Card } from '@/components/ui/card';
import { Pager, PREVIOUS_NEXT } from '@/components/ui/pager';
import { listHref } from '@/lib/http/paging';
import { ActionRow, DisabledControl } from '@/components/ui/disabled-button';
import { PageHeader } from '@/components/ui/page-header';
import { distinctTails, PathText } from '@/components/ui/path-text';
import { entityHref } from '@/lib/catalog/entity-href';
import { getLocationDetail } from '@/lib/catalog/queries/location-list';
import { whyNotNow } from '@/lib/auth/abilities';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Location' };

const UNREGISTER_BLOCKED: Record<string, string> = {
  config: 'This location comes from wayfinder.config.yaml (catalog.locations); remove it there, or it comes back on the next refresh.',
  entity: 'This location is declared by a Location entity; remove it from that entity, or unregister the location that declares it.',
};

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string | string[] }> };

export default async function LocationPage({ params, searchParams }: Props) {
  await connection();
  await pageActor();
  const [{ id }, { page: requestedPage }] = await Promise.all([params, searchParams]);
  const [location, unregisterDenied] = await Promise.all([getLocationDetail(id, requestedPage), whyNotNow('catalog.location.delete')]);
  if (!location) notFound();
  const { page, pages } = location.entityPage;
  // Child locations by the end of their paths that tells them apart (the whole path on hover).
  const childTails = distinctTails(location.children.map((c) => c.display));

  return (
    <>
      <PageHeader
        eyebrow={
          <Link href="/locations" className="text-slate-500 dark:text-slate-400">
            ← Locations
          </Link>
        }
        title={<span className="break-all font-mono text-xl">{location.display}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <span>{location.type}</span>
            <LocationOriginBadge origin={location.origin} />
            <LocationStatusBadge status={location.status} />
            <span>last ingested {formatTime(location.lastIngestedAt)}</span>
          </span>
        }
        actions={
          <ActionRow reason={unregisterDenied ?? UNREGISTER_BLOCKED[location.origin] ?? null}>
            {(reasonId) => (
              <>
                <RefreshLocationButton locationId={location.id} />
                {reasonId ? (
                  <DisabledControl label="Unregister" reasonId={reasonId} variant="danger" />
                ) : (
                  <UnregisterLocationButton locationId={location.id} entityCount={location.entityCount} />
                )}
              </>
            )}
          </ActionRow>
        }
      />

      {/* One column below lg that is never wider than the screen (an implicit grid column grows to its content). */}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title={`Processing errors (${location.errorCount.toLocaleString('en-US')})`}>
            {location.errors.length ? (
              <>
                <ProcessingErrorList errors={location.errors} />
                {location.errorCount > location.errors.length && (
                  <p className="mt-3 text-sm">
                    The first {location.errors.length} are shown.{' '}
                    <Link href={`/problems?location=${location.id}`}>All {location.errorCount.toLocaleString('en-US')} on Problems</Link>
                  </p>
                )}
              </>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">No errors: every descriptor of this location was read.</p>
            )}
          </Card>
          <Card title={`Entities (${location.entityCount.toLocaleString('en-US')})`}>
            {location.entities.length ? (
              <>
                <Table bare>
                  <TableHead>
                    <tr>
                      <TableHeader>Kind</TableHeader>
                      <TableHeader>Name</TableHeader>
                      <TableHeader collapse>File</TableHeader>
                    </tr>
                  </TableHead>
                  <TableBody>
                    {location.entities.map((e) => (
                      <TableRow key={e.ref} className="align-top">
                        <TableCell>{e.kind}</TableCell>
                        {/* On a phone the name takes the rest of the row (a generated name wraps anywhere) and the file goes under it. */}
                        <TableCell holdsCollapsed className="wrap-anywhere">
                          <Link href={entityHref(e.ref)} prefetch={false}>
                            {e.title ?? (e.namespace === 'default' ? e.name : `${e.namespace}/${e.name}`)}
                          </Link>
                          {e.sourceFile && <CollapsedValues values={[{ label: 'File', value: <PathText text={e.sourceFile} /> }]} />}
                        </TableCell>
                        <TableCell collapse className="font-mono text-xs text-slate-500 dark:text-slate-400">
                          {e.sourceFile && <PathText text={e.sourceFile} />}
                        </TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
                <Pager
                  label="Entity pages"
                  page={page}
                  pages={pages}
                  hrefOf={(n) => listHref(`/locations/${location.id}`, { page: n })}
                  labels={PREVIOUS_NEXT}
                />
              </>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                This location produced no entities{location.children.length ? ' itself; see the locations it declares' : ''}.
              </p>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Details">
            <dl className="space-y-2 text-sm">
              <div>
                <dt className="text-xs uppercase text-slate-500 dark:text-slate-400">Target</dt>
                <dd className="break-all font-mono text-xs">{location.target}</dd>
              </div>
              {location.parent && (
                <div>
                  <dt className="text-xs uppercase text-slate-500 dark:text-slate-400">Declared by</dt>
                  <dd className="break-all font-mono text-xs">
                    <Link href={`/locations/${location.parent.id}`}>{location.parent.display}</Link>
                  </dd>
                </div>
              )}
              <div>
                <dt className="text-xs uppercase text-slate-500 dark:text-slate-400">Registered</dt>
                <dd>{formatTime(location.createdAt)}</dd>
              </div>
            </dl>
          </Card>
          <Card title={`Child locations (${location.childCount.toLocaleString('en-US')})`}>
            {location.children.length ? (
              <ul className="space-y-1.5 text-sm">
                {location.children.map((c, i) => (
                  <li key={c.id} className="flex items-start justify-between gap-2">
                    <Link href={`/locations/${c.id}`} prefetch={false} className="min-w-0 font-mono text-xs" title={c.target}>
                      <PathText text={childTails[i]} />
                    </Link>
                    <span className="flex shrink-0 items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
                      {c.entityCount} <LocationStatusBadge status={c.errorCount ? 'error' : c.status} />
                    </span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">None: this location declares no other locations.</p>
            )}
            {location.childCount > location.children.length && (
              <p className="mt-3 text-sm">
                <Link href={`/locations?parent=${location.id}`}>All {location.childCount.toLocaleString('en-US')} child locations</Link>
              </p>
            )}
          </Card>
        </div>
      </div>
    </>
  );
}
