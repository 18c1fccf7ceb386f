import Link from 'next/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref } from '@/lib/catalog/entity-href';
import { search, SEARCH_LIMIT as LIMIT, type EntityHit } from '@/lib/search';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { recordSearchMiss } from '@/lib/insights';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Search' };

export default async function SearchPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  await connection();
  await pageActor();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? '';
  const result = q ? await search(q) : null;
  const docHits = result?.docs ?? [];
  const hits = result?.entities ?? [];
  // What people looked for and did not find: the insights page's list of what to document next.
  if (q && hits.length === 0 && docHits.length === 0) await recordSearchMiss(q, 'page');
  const byKind = new Map<string, EntityHit[]>();
  for (const h of hits) byKind.set(h.kind, [...(byKind.get(h.kind) ?? []), h]);

  return (
    <>
      <PageHeader title="Search" description="Find entities by name, title, description, tags, owner and annotations." />
      <form action="/search" role="search" aria-label="Entity search" className="mb-6 flex max-w-2xl gap-2">
        <Input
          name="q"
          type="search"
          defaultValue={q}
          autoFocus={!q}
          placeholder="e.g. payments, team-orders, kafka"
          aria-label="Search the catalog"
        />
        <Button type="submit">Search</Button>
      </form>

      {!q ? (
        <EmptyState title="Type something to search the catalog">
          Or browse the <Link href="/catalog">catalog</Link> with filters by kind, owner and lifecycle.
        </EmptyState>
      ) : hits.length === 0 && docHits.length === 0 ? (
        <EmptyState title={`Nothing matches “${q}”`}>
          Try a shorter word, or a team or system name. The <Link href="/catalog">catalog</Link> lists everything.
        </EmptyState>
      ) : (
        <div className="space-y-5">
          {docHits.length > 0 && (
            <Card title={`Docs (${docHits.length})`}>
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {docHits.map((d) => (
                  <li key={`${d.entityRef}/${d.pagePath}`} className="py-2">
                    <Link
                      href={`${entityHref(d.entityRef, '/docs')}${d.pagePath ? `/${d.pagePath}` : ''}${d.anchor ? `#${d.anchor}` : ''}`}
                      className="font-medium"
                    >
                      {d.heading && d.heading !== d.pageTitle ? `${d.pageTitle} › ${d.heading}` : d.pageTitle}
                    </Link>
                    <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">{d.siteName}</span>
                    {d.snippet && <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{highlight(d.snippet, q)}</p>}
                  </li>
                ))}
              </ul>
            </Card>
          )}
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {result!.totalEntities === 0
              ? `No catalog entity matches “${q}”`
              : `${result!.totalEntities > LIMIT ? `First ${LIMIT} of ${result!.totalEntities}` : result!.totalEntities} ${result!.totalEntities === 1 ? 'entity' : 'entities'} for “${q}”`}
          </p>
          {[...byKind].map(([kind, list]) => (
            <Card key={kind} title={`${kind} (${list.length})`}>
              <ul className="divide-y divide-slate-100 dark:divide-slate-800">
                {list.map((h) => (
                  <li key={h.ref} className="py-2">
                    <Link href={entityHref(h.ref)} className="font-medium">
                      {highlight(h.title ?? h.name, q)}
                    </Link>
                    {h.title && <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">{highlight(h.name, q)}</span>}
                    {h.owner && <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">owned by {highlight(h.owner, q)}</span>}
                    {h.description && (
                      <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">{highlight(snippet(h.description, q), q)}</p>
                    )}
                    {h.tags.length > 0 && (
                      <div className="mt-1 flex flex-wrap gap-1">
                        {h.tags.map((t) => (
                          <Badge key={t} tone={t.toLowerCase().includes(q.toLowerCase()) ? 'brand' : 'neutral'}>
                            {t}
                          </Badge>
                        ))}
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}

/** The text with every case-insensitive occurrence of `q` marked. */
function highlight(text: string, q: string): ReactNode {
  const lower = text.toLowerCase();
  const needle = q.toLowerCase();
  if (!needle || !lower.includes(needle)) return text;
  const parts: ReactNode[] = [];
  let at = 0;
  for (let i = lower.indexOf(needle); i !== -1; i = lower.indexOf(needle, at)) {
    if (i > at) parts.push(text.slice(at, i));
    parts.push(
      <mark key={i} className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-700/60 dark:text-white">
        {text.slice(i, i + needle.length)}
      </mark>,
    );
    at = i + needle.length;
  }
  parts.push(text.slice(at));
  return parts;
}

/** Up to ~200 characters of the text around the first match. */
function snippet(text: string, q: string, size = 200): string {
  if (text.length <= size) return text;
  const i = Math.max(0, text.toLowerCase().indexOf(q.toLowerCase()));
  const start = Math.max(0, Math.min(i - 60, text.length - size));
  return `${start > 0 ? '…' : ''}${text.slice(start, start + size)}${start + size < text.length ? '…' : ''}`;
}
