import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { connection } from 'next/server';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref } from '@/lib/catalog/entity-href';
import { listDocumentedEntities, TECHDOCS_REF } from '@/lib/catalog/queries/docs';

export const metadata = { title: 'Docs' };

export default async function DocsPage() {
  await connection();
  const entities = await listDocumentedEntities();
  return (
    <>
      <PageHeader
        title="Docs"
        description={`Documentation that lives with the code: every entity with a ${TECHDOCS_REF} annotation, and where its docs are read from.`}
      />
      {entities.length === 0 ? (
        <EmptyState title="No documented entities yet">
          Add <code>{TECHDOCS_REF}: dir:.</code> to an entity&apos;s annotations and an mkdocs.yml next to its catalog-info.yaml.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs uppercase text-slate-500 dark:border-slate-800">
              <tr>
                <th className="px-3 py-2">Entity</th>
                <th className="px-3 py-2">Owner</th>
                <th className="px-3 py-2">Docs source</th>
              </tr>
            </thead>
            <tbody>
              {entities.map((e) => (
                <tr key={e.ref} id={e.ref} className="border-t border-slate-100 align-top dark:border-slate-800">
                  <td className="px-3 py-2">
                    <Link href={entityHref(e.ref)} className="font-medium">
                      {e.title ?? e.name}
                    </Link>{' '}
                    <span className="text-xs text-slate-500">{e.kind}</span>
                    {e.description && <p className="mt-0.5 max-w-xl text-xs text-slate-600 dark:text-slate-400">{e.description}</p>}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2">{e.owner ? <Link href={entityHref(e.owner)}>{e.owner.replace(/^group:default\//, '')}</Link> : '—'}</td>
                  <td className="px-3 py-2">
                    <span className="break-all font-mono text-xs">{e.source}</span>
                    <div className="font-mono text-[11px] text-slate-500">{e.techdocsRef}</div>
                    {e.staleSince && (
                      <div className="mt-1">
                        <Badge tone="amber">Changed in the repository {e.staleSince.toISOString().slice(0, 16).replace('T', ' ')} UTC</Badge>
                      </div>
                    )}
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
