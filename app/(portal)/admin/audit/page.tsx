import Link from 'next/link';
import { connection } from 'next/server';
import { ChangeList } from '@/components/catalog/audit-change-list';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { entityHref } from '@/lib/catalog/entity-href';
import { listAuditLog } from '@/lib/catalog/edit/queries';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

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
        <Table label="Audit log">
          <TableHead>
            <tr>
              <TableHeader>When</TableHeader>
              <TableHeader>Who</TableHeader>
              <TableHeader>What</TableHeader>
              <TableHeader>Target</TableHeader>
              <TableHeader>Change</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id} className="align-top">
                <TableCell className="whitespace-nowrap text-xs text-slate-500">
                  <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time>
                </TableCell>
                <TableCell>{e.actor}</TableCell>
                <TableCell className="font-mono text-xs">{e.action}</TableCell>
                <TableCell className="break-all">
                  {e.target && /^[a-z]+:[^/]+\/.+$/.test(e.target) && !e.target.startsWith('url:') && !e.target.startsWith('file:') ? (
                    <Link href={entityHref(e.target)}>{e.target}</Link>
                  ) : (
                    e.target
                  )}
                </TableCell>
                <TableCell>
                  <ChangeList entry={e} />
                  {e.prUrl && (
                    <a href={e.prUrl} target="_blank" rel="noreferrer" className="text-xs">
                      {e.prUrl.replace(/^.*\/pull\//, 'PR #')}
                    </a>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
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
