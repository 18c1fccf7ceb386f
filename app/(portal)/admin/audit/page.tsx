import Link from 'next/link';
import { connection } from 'next/server';
import { ChangeList } from '@/components/catalog/audit-change-list';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { entityHref } from '@/lib/catalog/entity-href';
import { listAuditLog } from '@/lib/catalog/edit/queries';

export const metadata = { title: 'Audit log' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditLogPage({ searchParams }: Props) {
  await connection();
  await actorWithPermission('audit.read');
  const query = await searchParams;
  const requested = Number(Array.isArray(query.page) ? query.page[0] : query.page) || 1;
  const { entries, total, page, pages } = await listAuditLog(requested);
  const pageHref = (n: number) => (n === 1 ? '/admin/audit' : `/admin/audit?page=${n}`);

  return (
    <>
      <PageHeader title="Audit log" description={`Every recorded change, newest first (${total} in all).`} />
      {entries.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <Card>
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-slate-500 uppercase">
              <tr>
                <th className="py-2 pr-4 font-medium">When</th>
                <th className="py-2 pr-4 font-medium">Who</th>
                <th className="py-2 pr-4 font-medium">What</th>
                <th className="py-2 pr-4 font-medium">Target</th>
                <th className="py-2 font-medium">Change</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {entries.map((e) => (
                <tr key={e.id} className="align-top">
                  <td className="py-2 pr-4 whitespace-nowrap text-xs text-slate-500">
                    <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time>
                  </td>
                  <td className="py-2 pr-4">{e.actor}</td>
                  <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                  <td className="py-2 pr-4 break-all">
                    {e.target && /^[a-z]+:[^/]+\/.+$/.test(e.target) && !e.target.startsWith('url:') && !e.target.startsWith('file:') ? <Link href={entityHref(e.target)}>{e.target}</Link> : e.target}
                  </td>
                  <td className="py-2">
                    <ChangeList entry={e} />
                    {e.prUrl && (
                      <a href={e.prUrl} target="_blank" rel="noreferrer" className="text-xs">
                        {e.prUrl.replace(/^.*\/pull\//, 'PR #')}
                      </a>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
      )}
      {pages > 1 && (
        <nav aria-label="Pages" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 && <Link href={pageHref(page - 1)}>← Newer</Link>}
          <span className="text-slate-500">
            Page {page} of {pages}
          </span>
          {page < pages && <Link href={pageHref(page + 1)}>Older →</Link>}
        </nav>
      )}
    </>
  );
}
