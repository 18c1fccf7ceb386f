import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { DocsContent } from '@/components/docs/docs-content';
import { DocsNav } from '@/components/docs/docs-nav';
import { RebuildDocsButton } from '@/components/docs/rebuild-docs-button';
import { EmptyState } from '@/components/ui/empty-state';
import { entityHref } from '@/lib/catalog/entity-href';
import { stringifyEntityRef } from '@/lib/catalog/model/refs';
import { getEntityPageData } from '@/lib/catalog/queries/pages';
import { buildDocs, FIRST_VIEW_BUDGET_MS, editUrlOf, flattenNav, getDocsPage, getDocsSite, TECHDOCS_REF } from '@/lib/docs';
import { EntityHeader } from '../../_components/entity-header';
import { EntityTabs } from '../../_components/entity-tabs';
import { docsProblemCount } from '../../_components/processing-errors';
import { canEditEntity, decodeSegment, entityTabsOf, headerFields, tabCounts } from '../../_components/entity-route';
import { pageActor } from '@/lib/auth/authorize';
import { personIdOf } from '@/lib/auth/users';
import { RecordVisit } from '@/components/home/record-visit';

type Props = { params: Promise<{ kind: string; namespace: string; name: string; path?: string[] }> };

const decode = decodeSegment;

const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : 'unknown');

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { name, path } = await params;
  return { title: `${path?.length ? `${decode(path[path.length - 1])} · ` : ''}${decode(name)} docs` };
}

export default async function DocsTabPage({ params }: Props) {
  await connection();
  const personId = personIdOf(await pageActor());
  const route = await params;
  const ref = stringifyEntityRef({ kind: decode(route.kind), namespace: decode(route.namespace), name: decode(route.name) });
  const data = await getEntityPageData(ref);
  if (!data) notFound();
  const { entity } = data;
  const baseHref = entityHref(data.ref);
  const owners = data.relations.find((g) => g.type === 'ownedBy')?.targets ?? [];
  const system = data.relations.find((g) => g.type === 'partOf')?.targets.find((p) => p.kind.toLowerCase() === 'system') ?? null;
  const hasDocs = typeof entity.metadata.annotations?.[TECHDOCS_REF] === 'string';
  const tabs = entityTabsOf(entity);

  let site = hasDocs ? await getDocsSite(data.ref) : null;
  if (hasDocs && !site) {
    // First view of docs nobody has built yet: build now (later builds come from pushes, Rebuild and reconciliation).
    await buildDocs(data.ref, { budgetMs: FIRST_VIEW_BUDGET_MS });
    site = await getDocsSite(data.ref);
  }
  const pagePath = (route.path ?? []).map(decode).join('/');
  const page = site ? await getDocsPage(data.ref, pagePath) : null;
  const canRebuild = hasDocs && (await canEditEntity(data.ref));

  const header = (
    <>
      {personId && hasDocs && (
        <RecordVisit
          personId={personId}
          page={{ path: `${baseHref}/docs`, title: entity.metadata.title ?? entity.metadata.name, kind: 'Docs' }}
        />
      )}
      <EntityHeader
        {...headerFields(entity)}
        owners={owners}
        system={system}
        actions={canRebuild ? <RebuildDocsButton entityRef={data.ref} /> : undefined}
      />
      <EntityTabs baseHref={baseHref} tabs={tabs} active="docs" counts={tabCounts(data, docsProblemCount(site))} />
    </>
  );
  if (!hasDocs) {
    return (
      <>
        {header}
        <EmptyState title="No docs for this entity">
          Add the annotation <code>{TECHDOCS_REF}: dir:.</code> and an mkdocs.yml with a docs/ folder next to its catalog-info.yaml.
        </EmptyState>
      </>
    );
  }
  const pageBase = `${baseHref}/docs`;
  if (!site || !site.builtAt) {
    return (
      <>
        {header}
        <div
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-medium">The docs could not be built.</p>
          <p className="mt-1">{site?.failure ?? 'The docs source could not be read.'}</p>
          {site?.failedAt && <p className="mt-1 text-xs">Tried {when(site.failedAt)}.</p>}
        </div>
      </>
    );
  }
  const pages = flattenNav(site.nav);
  const at = pages.findIndex((p) => p.path === pagePath);
  const pageProblems = site.problems.filter((p) => page && p.code === 'page-invalid' && p.file === `${site.docsDir}/${page.file}`);
  const siteProblems = site.problems.filter((p) => p.code !== 'page-invalid');
  const editUrl = page ? (editUrlOf(site, page.file) ?? githubEditUrl(site, page.file)) : null;

  return (
    <>
      {header}
      {site.failure && (
        <div
          role="alert"
          className="mb-4 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
        >
          <span className="font-medium">Showing the last good build ({when(site.builtAt)}).</span> Rebuilding failed {when(site.failedAt)}:{' '}
          {site.failure}
        </div>
      )}
      {siteProblems.length > 0 && (
        <div
          role="alert"
          className="mb-4 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
        >
          <p className="font-medium">
            {siteProblems.length} problem{siteProblems.length === 1 ? '' : 's'} in these docs
          </p>
          <ul className="mt-1 list-disc pl-5">
            {siteProblems.map((p, i) => (
              <li key={i}>
                <span className="font-mono text-xs">{p.file}</span>: {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="grid gap-6 lg:grid-cols-[14rem_minmax(0,1fr)] xl:grid-cols-[14rem_minmax(0,1fr)_12rem]">
        <aside aria-label="Docs pages" className="lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-y-auto">
          {/* Phones: the pages behind a disclosure, so the page itself comes first. */}
          <details className="rounded-md border border-slate-200 bg-white px-3 py-2 lg:hidden dark:border-slate-800 dark:bg-slate-900">
            <summary className="cursor-pointer text-sm font-semibold">{site.siteName}: pages</summary>
            <div className="mt-2">
              <DocsNav nav={site.nav} pageBase={pageBase} current={pagePath} />
            </div>
          </details>
          <div className="hidden lg:block">
            <p className="mb-2 px-2 text-sm font-semibold">{site.siteName}</p>
            <DocsNav nav={site.nav} pageBase={pageBase} current={pagePath} />
          </div>
        </aside>
        <article className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 sm:p-6 dark:border-slate-800 dark:bg-slate-900">
          {!page && at >= 0 && site.problems.some((p) => p.code === 'site-incomplete') ? (
            <EmptyState title="Not built yet">
              This page is one of the changed pages that the next build of these docs renders (each build renders for a limited time).{' '}
              <Link href={pageBase}>Back to the docs home</Link>
            </EmptyState>
          ) : !page ? (
            <EmptyState title="No such page">
              {pagePath ? `There is no page ${pagePath} in these docs.` : `These docs have no index page (add ${site.docsDir}/index.md).`}{' '}
              <Link href={pageBase}>Back to the docs home</Link>
            </EmptyState>
          ) : page.error ? (
            <div
              role="alert"
              className="rounded-md border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950 dark:text-red-200"
            >
              <p className="font-medium">This page could not be built</p>
              <p className="mt-1 font-mono text-xs">{pageProblems[0]?.message ?? page.error}</p>
            </div>
          ) : (
            <DocsContent html={page.html} />
          )}
          <footer className="mt-8 flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 pt-3 text-xs text-slate-500 dark:text-slate-400 dark:border-slate-800">
            <span>
              Source last changed {when(page?.changedAt ?? site.sourceChangedAt)} · built {when(site.builtAt)}
            </span>
            {editUrl && (
              <a href={editUrl} rel="noopener noreferrer" target="_blank">
                Edit this page ↗
              </a>
            )}
          </footer>
          {page && (at > 0 || (at >= 0 && at < pages.length - 1)) && (
            <nav aria-label="Previous and next page" className="mt-3 flex justify-between gap-2 text-sm">
              {at > 0 ? (
                <Link href={`${pageBase}${pages[at - 1].path ? `/${pages[at - 1].path}` : ''}`}>← {pages[at - 1].title}</Link>
              ) : (
                <span />
              )}
              {at < pages.length - 1 ? <Link href={`${pageBase}/${pages[at + 1].path}`}>{pages[at + 1].title} →</Link> : <span />}
            </nav>
          )}
        </article>
        {page && page.toc.length > 0 && (
          <nav aria-label="On this page" className="hidden text-sm xl:sticky xl:top-4 xl:block xl:self-start">
            <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">On this page</p>
            <ul className="space-y-1">
              {page.toc.map((t) => (
                <li key={t.id} className={t.depth === 3 ? 'pl-3' : ''}>
                  <a href={`#${t.id}`} className="text-slate-600 dark:text-slate-400">
                    {t.text}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </div>
    </>
  );
}

/** "Edit this page" for docs read from GitHub without repo_url: the file in the same tree. */
function githubEditUrl(site: { sourceType: string; source: string; docsDir: string }, file: string): string | null {
  if (site.sourceType !== 'github' || !site.source.includes('/tree/')) return null;
  return `${site.source.replace('/tree/', '/edit/')}/${site.docsDir}/${file}`;
}
