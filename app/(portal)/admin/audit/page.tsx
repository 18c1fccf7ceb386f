import Link from 'next/link';
import { connection } from 'next/server';
import { ChangeList } from '@/components/catalog/audit-change-list';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { entityHref } from '@/lib/catalog/entity-href';
import { listAuditLog, type AuditEntry } from '@/lib/catalog/edit/queries';
import { PathText } from '@/components/ui/path-text';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

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
              <TableHeader collapse>Who</TableHeader>
              <TableHeader collapse>What</TableHeader>
              <TableHeader collapse>Target</TableHeader>
              <TableHeader collapse>Change</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id} className="align-top">
                <TableCell className="whitespace-nowrap text-xs text-slate-500 dark:text-slate-400">
                  <time dateTime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time>
                  <CollapsedValues
                    values={[
                      { label: 'Who', value: <PathText text={e.actor} /> },
                      { label: 'What', value: <span className="font-mono">{e.action}</span> },
                      { label: 'Target', value: <Target target={e.target} /> },
                      { label: 'Change', value: <Change entry={e} /> },
                    ]}
                  />
                </TableCell>
                <TableCell collapse>
                  <PathText text={e.actor} />
                </TableCell>
                <TableCell collapse className="font-mono text-xs">
                  {e.action}
                </TableCell>
                {/* Refs and paths wrap after their slashes; the column keeps room for a segment. */}
                <TableCell collapse className="min-w-40">
                  <Target target={e.target} />
                </TableCell>
                <TableCell collapse className="min-w-64">
                  <Change entry={e} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Pager label="Pages" page={page} pages={pages} hrefOf={pageHref} />
    </>
  );
}

function Target({ target }: { target: string | null }) {
  if (!target) return null;
  const isEntity = /^[a-z]+:[^/]+\/.+$/.test(target) && !target.startsWith('url:') && !target.startsWith('file:');
  return isEntity ? (
    <Link href={entityHref(target)}>
      <PathText text={target} />
    </Link>
  ) : (
    <PathText text={target} />
  );
}

function Change({ entry }: { entry: AuditEntry }) {
  return (
    <>
      <ChangeList entry={entry} />
      {entry.prUrl && (
        <a href={entry.prUrl} target="_blank" rel="noreferrer" className="text-xs">
          {entry.prUrl.replace(/^.*\/pull\//, 'PR #')}
        </a>
      )}
    </>
  );
}
