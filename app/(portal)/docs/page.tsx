import Link from 'next/link';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref } from '@/lib/catalog/entity-href';
import { filterDocumented, listDocumentedEntities, TECHDOCS_REF, type DocumentedEntity } from '@/lib/docs';

export const metadata = { title: 'Docs' };

type Props = { searchParams: Promise<{ owner?: string | string[]; q?: string | string[] }> };

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.trim().slice(0, 200) || undefined;
const when = (d: Date | null) => (d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '—');

function Freshness({ e }: { e: DocumentedEntity }) {
  if (e.staleSince) return <Badge tone="amber">Changed {when(e.staleSince)}, rebuilding</Badge>;
  if (e.failure) return <Badge tone="red">Source unreachable: last good build shown</Badge>;
  if (!e.builtAt) return <Badge tone="neutral">Not built yet</Badge>;
  if (e.problems) return <Badge tone="red">{e.problems} problem{e.problems === 1 ? '' : 's'}</Badge>;
  return <Badge tone="green">Up to date</Badge>;
}

export default async function DocsPage({ searchParams }: Props) {
  await connection();
  const query = await searchParams;
  const owner = one(query.owner)?.toLowerCase();
  const q = one(query.q);
  const all = await listDocumentedEntities();
  const entities = filterDocumented(all, { owner, q });
  const owners = [...new Set(all.map((e) => e.owner).filter((o): o is string => !!o))].sort();
  return (
    <>
      <PageHeader title="Docs" description={`Documentation that lives with the code: every entity with a ${TECHDOCS_REF} annotation, rendered from its repository.`} />
      <form action="/docs" role="search" className="mb-4 flex flex-wrap gap-2">
        <input
          name="q"
          type="search"
          defaultValue={q}
          placeholder="Filter by name or description"
          aria-label="Filter docs by text"
          className="min-w-0 flex-1 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm sm:max-w-sm dark:border-slate-700 dark:bg-slate-950"
        />
        <select name="owner" defaultValue={owner ?? ''} aria-label="Filter docs by owner" className="rounded-md border border-slate-300 bg-white px-2 py-2 text-sm dark:border-slate-700 dark:bg-slate-950">
          <option value="">All owners</option>
          {owners.map((o) => (
            <option key={o} value={o}>
              {o.replace(/^group:default\//, '')}
            </option>
          ))}
        </select>
        <button type="submit" className="rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
          Filter
        </button>
      </form>
      {entities.length === 0 ? (
        <EmptyState title={all.length ? 'No docs match the filter' : 'No documented entities yet'}>
          {all.length ? (
            <Link href="/docs">Clear the filter</Link>
          ) : (
            <>
              Add <code>{TECHDOCS_REF}: dir:.</code> to an entity&apos;s annotations and an mkdocs.yml next to its catalog-info.yaml.
            </>
          )}
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
              <tr>
                <th className="px-3 py-2">Docs</th>
                <th className="px-3 py-2">Owner</th>
                <th className="px-3 py-2">Source last updated</th>
                <th className="px-3 py-2">Freshness</th>
              </tr>
            </thead>
            <tbody>
              {entities.map((e) => (
                <tr key={e.ref} id={e.ref} className="border-t border-slate-100 align-top dark:border-slate-800">
                  <td className="px-3 py-2">
                    <Link href={entityHref(e.ref, '/docs')} className="font-medium">
                      {e.siteName ?? e.title ?? e.name}
                    </Link>{' '}
                    <span className="text-xs text-slate-500">
                      {e.kind} {e.name}
                    </span>
                    {e.description && <p className="mt-0.5 max-w-xl text-xs text-slate-600 dark:text-slate-400">{e.description}</p>}
                    <div className="mt-0.5 break-all font-mono text-[11px] text-slate-500">{e.source}</div>
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{e.owner ? <Link href={entityHref(e.owner)}>{e.owner.replace(/^group:default\//, '')}</Link> : '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-xs">{when(e.sourceChangedAt)}</td>
                  <td className="px-3 py-2">
                    <Freshness e={e} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
