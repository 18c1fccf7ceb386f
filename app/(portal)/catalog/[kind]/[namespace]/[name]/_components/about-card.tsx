import Link from 'next/link';
import type { ReactNode } from 'react';
import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { LifecycleBadge } from '@/components/catalog/lifecycle-badge';
import { Card } from '@/components/ui/card';
import type { EntitySummary } from '@/lib/catalog/queries/pages';

export type AboutFacts = {
  description: string | null;
  owners: EntitySummary[];
  system: EntitySummary | null;
  domain: EntitySummary | null;
  type: string | null;
  lifecycle: string | null;
  tags: string[];
  namespace: string;
  source: { file: string | null; line: number | null; location: { type: string; target: string } | null };
  docsHref: string | null;
  /** Owner, system, domain and lifecycle apply to software kinds, not to groups and users. */
  software: boolean;
};

function Fact({ label, children, wide = false }: { label: string; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sm:col-span-2' : ''}>
      <dt className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1 text-sm text-slate-800 dark:text-slate-200">{children}</dd>
    </div>
  );
}

const none = <span className="text-slate-400">—</span>;

export function AboutCard({ facts }: { facts: AboutFacts }) {
  const { source } = facts;
  return (
    <Card title="About" className="lg:col-span-2" actions={facts.docsHref ? <Link href={facts.docsHref} className="text-sm">View docs →</Link> : undefined}>
      <p className={`mb-5 text-sm ${facts.description ? 'text-slate-700 dark:text-slate-300' : 'text-slate-400 italic'}`}>{facts.description ?? 'No description.'}</p>
      <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2 lg:grid-cols-3">
        {facts.software && (<>
        <Fact label="Owner">{facts.owners.length ? <span className="flex flex-wrap gap-2">{facts.owners.map((o) => <EntityRefLink key={o.ref} target={o} />)}</span> : none}</Fact>
        <Fact label="System">{facts.system ? <EntityRefLink target={facts.system} /> : none}</Fact>
        <Fact label="Domain">{facts.domain ? <EntityRefLink target={facts.domain} /> : none}</Fact>
        </>)}
        <Fact label="Type">{facts.type ?? none}</Fact>
        {facts.software && <Fact label="Lifecycle">{facts.lifecycle ? <LifecycleBadge lifecycle={facts.lifecycle} /> : none}</Fact>}
        <Fact label="Namespace">{facts.namespace}</Fact>
        <Fact label="Tags" wide>
          {facts.tags.length ? (
            <span className="flex flex-wrap gap-1">
              {facts.tags.map((t) => (
                <Link key={t} href={`/catalog?tag=${encodeURIComponent(t.toLowerCase())}`} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700 hover:no-underline hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300 dark:hover:bg-slate-700">
                  {t}
                </Link>
              ))}
            </span>
          ) : (
            none
          )}
        </Fact>
        <Fact label="Source" wide>
          {source.file ? (
            <code className="font-mono text-xs break-all">
              {source.file}
              {source.line ? `:${source.line}` : ''}
            </code>
          ) : source.location ? (
            <code className="font-mono text-xs break-all">{source.location.target}</code>
          ) : (
            <span className="text-slate-500">Managed in the portal</span>
          )}
        </Fact>
      </dl>
    </Card>
  );
}
