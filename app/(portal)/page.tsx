import Link from 'next/link';
import { connection } from 'next/server';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref } from '@/lib/catalog/entity-href';
import { CatalogLoadingBanner } from '@/components/catalog/catalog-loading-banner';
import { kindLabel } from '@/components/catalog/entity-kind-badge';
import { countEntitiesByKind, countLocations, getCatalogLoading, listRecentlyUpdatedEntities } from '@/lib/catalog/queries/overview';
import { countProblems } from '@/lib/catalog/queries/problems';
import { countDocsProblems } from '@/lib/docs';
import { getConfig } from '@/lib/config/load-config';
import { whyNotNow } from '@/lib/auth/abilities';
import { pageActor } from '@/lib/auth/authorize';
import { OpenItemsCard } from '@/components/scorecards/open-items-card';
import { listOpenItemsFor } from '@/lib/scorecards';
import { StarButton } from '@/components/catalog-actions/star-button';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { personIdOf } from '@/lib/auth/users';
import { VisitsCard } from '@/components/home/visits-card';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import { summarizeRefs } from '@/lib/catalog/queries/pages';
import { listStarredRefs } from '@/lib/catalog/queries/starred';

const QUICK_LINKS = [
  { href: '/create', title: 'Create', text: 'Start a new service from a golden-path template.' },
  { href: '/docs', title: 'Docs', text: 'Read the documentation that lives with the code.' },
  { href: '/search', title: 'Search', text: 'Find services, APIs, teams and people.' },
  { href: '/catalog/new', title: 'New entity', text: 'Add a system, group or resource managed in the portal.' },
] as const;

export default async function HomePage() {
  await connection();
  const actor = await pageActor();
  const { app } = getConfig();
  const [kinds, recent, problems, createDenied, locations, loading, openItems, starred] = await Promise.all([
    countEntitiesByKind(),
    listRecentlyUpdatedEntities(8),
    // What /problems lists: the catalog's processing errors and the docs builds' problems.
    Promise.all([countProblems(), countDocsProblems()]).then(([catalog, docs]) => catalog + docs),
    whyNotNow('catalog.entity.create'),
    countLocations(),
    getCatalogLoading(),
    listOpenItemsFor(actor),
    listStarredRefs(actor, STARRED_SHOWN).then(async (refs) => {
      const summaries = await summarizeRefs(refs);
      return refs.map((r) => summaries.get(r)!);
    }),
  ]);
  const personId = personIdOf(actor);
  const quickLinks = QUICK_LINKS.filter((q) => q.href !== '/catalog/new' || !createDenied);
  const total = kinds.reduce((n, k) => n + k.count, 0);
  return (
    <>
      <PageHeader
        title={`${app.organization} developer portal`}
        description={`${total} entities in the catalog: who owns what, what depends on what, and where the docs are.`}
      />
      {loading && <CatalogLoadingBanner {...loading} />}
      <OpenItemsCard items={openItems} />

      <section aria-label="Catalog" className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
        {kinds.map((k) => (
          <Tile key={k.kind} href={`/catalog?kind=${encodeURIComponent(k.kind)}`} count={k.count} label={tileLabel(k.kind, k.count)} />
        ))}
        <Tile href="/locations" count={locations} label={locations === 1 ? 'source read (location)' : 'sources read (locations)'} />
        <Link
          href="/problems"
          className={`rounded-lg border p-4 shadow-sm hover:no-underline ${
            problems
              ? 'border-red-200 bg-red-50 hover:border-red-400 dark:border-red-900 dark:bg-red-950/40'
              : 'border-slate-200 bg-white hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900'
          }`}
        >
          <div
            className={`text-2xl font-semibold tabular-nums ${problems ? 'text-red-700 dark:text-red-300' : 'text-slate-900 dark:text-white'}`}
          >
            {problems}
          </div>
          <div className="text-sm text-slate-600 dark:text-slate-400">{problems === 1 ? 'problem' : 'problems'}</div>
        </Link>
      </section>

      <div className="mt-8 grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {personId && <StarredCard starred={starred} />}
          <Card
            title="Recently updated"
            actions={
              <Link href="/catalog" className="text-xs">
                Catalog →
              </Link>
            }
          >
            {recent.length ? (
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {recent.map((e) => (
                  <li key={e.ref} className="flex items-center justify-between gap-3 py-2 text-sm">
                    <span className="min-w-0 truncate">
                      <Link href={entityHref(e.ref)}>{e.title ?? e.name}</Link>{' '}
                      <span className="text-slate-500 dark:text-slate-400">{e.kind}</span>
                    </span>
                    <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">{formatTime(e.updatedAt)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-600 dark:text-slate-400">
                The catalog is empty. <Link href="/catalog-import">Register a location</Link> to fill it.
              </p>
            )}
          </Card>
        </div>
        <div className="space-y-6">
          <Card title="Quick links">
            <ul className="space-y-3">
              {quickLinks.map((q) => (
                <li key={q.href}>
                  <Link href={q.href} className="font-medium">
                    {q.title}
                  </Link>
                  <p className="text-sm text-slate-600 dark:text-slate-400">{q.text}</p>
                </li>
              ))}
            </ul>
            <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4 dark:border-slate-800">
              <Link href="/catalog-import" className={buttonClass('secondary')}>
                Register a location
              </Link>
              <Link href="/locations" className={buttonClass('secondary')}>
                Locations
              </Link>
            </div>
          </Card>
          {personId && <VisitsCard personId={personId} />}
        </div>
      </div>
    </>
  );
}

const STARRED_SHOWN = 8;

/** The person's starred entities, latest first (Backstage's home page card); each can be unstarred here. */
function StarredCard({ starred }: { starred: EntitySummary[] }) {
  return (
    <Card
      title="Starred"
      actions={
        starred.length > 0 && (
          <Link href="/catalog?kind=all&show=starred" className="text-xs">
            All starred →
          </Link>
        )
      }
    >
      {starred.length ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {starred.map((e) => (
            <li key={e.ref} className="flex items-center justify-between gap-3 py-1.5 text-sm">
              <span className="min-w-0 truncate">
                <EntityRefLink target={e} />{' '}
                <span className="text-slate-500 dark:text-slate-400">{e.exists ? e.kind : 'no longer in the catalog'}</span>
              </span>
              <StarButton entityRef={e.ref} starred compact label={e.title ?? e.name} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Star the services, APIs and teams you use (☆ Star on an entity’s page) to keep them here.
        </p>
      )}
    </Card>
  );
}

function Tile({ href, count, label }: { href: string; count: number; label: string }) {
  return (
    <Link
      href={href}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-500 hover:no-underline dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">{count}</div>
      <div className="text-sm text-slate-600 dark:text-slate-400">{label}</div>
    </Link>
  );
}

/**
 * Entity counts by kind. Location entities are named as such: they are descriptors that point at
 * other files, not the sources the catalog reads (the locations tile counts those).
 */
function tileLabel(kind: string, n: number): string {
  const label = kindLabel(kind);
  if (label === 'Location') return n === 1 ? 'Location entity' : 'Location entities';
  if (n === 1) return label;
  return label === 'API' ? 'APIs' : `${label}s`;
}
