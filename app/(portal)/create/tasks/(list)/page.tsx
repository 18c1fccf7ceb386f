import Link from 'next/link';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { Select } from '@/components/ui/select';
import { pageActor } from '@/lib/auth/authorize';
import { can } from '@/lib/auth/permissions';
import { entityHref } from '@/lib/catalog/entity-href';
import { shortOwnerRef } from '@/lib/catalog/model/refs';
import { isAppError } from '@/lib/errors';
import { listTasks, type TaskFilter } from '@/lib/scaffolder/queries';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

export const metadata = { title: 'Task history' };

/** Each status's badge tone; in this order, the statuses to filter by. */
const TONE = { open: 'neutral', processing: 'brand', completed: 'green', failed: 'red', cancelled: 'amber' } as const;
const STATUSES = Object.keys(TONE) as (keyof typeof TONE)[];

const PAGE_SIZE = 50;

/**
 * Task history: mine; mine and my groups' templates' runs (leads); one template's runs (its owners'
 * leads, admins); all (admins); by status, 50 a page, newest first.
 */
export default async function TasksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  const actor = await pageActor();
  const sp = await searchParams;
  const template = typeof sp.template === 'string' ? sp.template : undefined;
  const admin = can(actor, 'scaffolder.task.read-all');
  // A lead's second view: their runs and every run of the templates their groups own.
  const leads = !admin && actor.leadOf.length > 0;
  const scope: TaskFilter['scope'] = template
    ? 'template'
    : sp.scope === 'all'
      ? 'all'
      : sp.scope === 'visible' && leads
        ? 'visible'
        : 'mine';
  const page = Math.max(1, Math.floor(Number(sp.page)) || 1);
  const status = STATUSES.find((st) => st === sp.status);
  let tasks: Awaited<ReturnType<typeof listTasks>>['tasks'] = [];
  let total = 0;
  let refused: string | null = null;
  try {
    ({ tasks, total } = await listTasks(actor, {
      scope,
      templateRef: template,
      ...(status ? { status: [status] } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    }));
  } catch (err) {
    if (!isAppError(err)) throw err;
    refused = err.message;
  }
  // The list's own parameters (which tasks), to which a status and a page are added.
  const which: Record<string, string> = template ? { template } : scope === 'all' || scope === 'visible' ? { scope } : {};
  const pageHref = (n: number, withStatus: string | null = status ?? null) => {
    const q = new URLSearchParams({ ...which, ...(withStatus ? { status: withStatus } : {}), ...(n > 1 ? { page: String(n) } : {}) });
    return `/create/tasks${q.size ? `?${q}` : ''}`;
  };
  // Beside others' runs: which group owns each template (whose leads see its runs).
  const showOwner = scope !== 'mine';
  const tab = (href: string, label: string, active: boolean) => (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`rounded-md px-3 py-1 text-sm ${active ? 'bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100' : ''}`}
    >
      {label}
    </Link>
  );
  return (
    <>
      <PageHeader
        title="Task history"
        description={
          template
            ? `Runs of ${template}`
            : scope === 'visible'
              ? 'Your runs, and every run of the templates your groups own.'
              : scope === 'all'
                ? 'Every run of every template.'
                : 'Templates you ran, and what they created.'
        }
        actions={<Link href="/create">Create →</Link>}
      />
      <nav className="mb-4 flex gap-2" aria-label="Which tasks">
        {tab('/create/tasks', 'Mine', scope === 'mine')}
        {leads && tab('/create/tasks?scope=visible', 'With my groups’ templates', scope === 'visible')}
        {admin && tab('/create/tasks?scope=all', 'All', scope === 'all')}
        {template && tab(`/create/tasks?template=${encodeURIComponent(template)}`, 'This template', true)}
      </nav>
      {/* Nothing to filter until there is a task (or a filter to clear). */}
      {(status || total > 0) && (
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter tasks">
          {Object.entries(which).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <Field label="Status">
            {(p) => (
              <Select {...p} name="status" defaultValue={status ?? ''} inline>
                <option value="">Any</option>
                {STATUSES.map((st) => (
                  <option key={st} value={st}>
                    {st}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Button type="submit" variant="secondary">
            Filter
          </Button>
          {status && (
            <Link href={pageHref(1, null)} className="text-sm">
              Clear
            </Link>
          )}
        </form>
      )}
      {refused ? (
        <EmptyState title="Not available">{refused}</EmptyState>
      ) : tasks.length === 0 && total > 0 ? (
        <EmptyState title="No tasks on this page">
          There are {total} in all: <Link href={pageHref(1)}>the first page</Link>.
        </EmptyState>
      ) : tasks.length === 0 && status ? (
        <EmptyState title={`No ${status} tasks`}>
          <Link href={pageHref(1, null)}>Show every status</Link>.
        </EmptyState>
      ) : tasks.length === 0 ? (
        <EmptyState title="No tasks yet">
          <Link href="/create">Choose a template</Link> to run one.
        </EmptyState>
      ) : (
        <Table label="Tasks">
          <TableHead>
            <tr>
              <TableHeader>Template</TableHeader>
              {showOwner && <TableHeader className="max-md:hidden">Template owner</TableHeader>}
              <TableHeader>Status</TableHeader>
              <TableHeader className="max-sm:hidden">By</TableHeader>
              <TableHeader>Started (UTC)</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {tasks.map((t) => (
              <TableRow key={t.id}>
                <TableCell>
                  <Link href={`/create/tasks/${t.id}`}>{t.templateTitle}</Link>
                  {showOwner && t.templateOwner && (
                    <span className="block text-xs text-slate-500 md:hidden dark:text-slate-400">
                      owned by {shortOwnerRef(t.templateOwner)}
                    </span>
                  )}
                </TableCell>
                {showOwner && (
                  <TableCell className="max-md:hidden">
                    {t.templateOwner ? <Link href={entityHref(t.templateOwner)}>{shortOwnerRef(t.templateOwner)}</Link> : '—'}
                  </TableCell>
                )}
                <TableCell>
                  <Badge tone={TONE[t.status as keyof typeof TONE] ?? 'neutral'}>{t.status}</Badge>
                </TableCell>
                <TableCell className="max-sm:hidden">{t.userRef ?? t.createdBy}</TableCell>
                <TableCell className="whitespace-nowrap tabular-nums">{t.createdAt.replace('T', ' ').slice(0, 16)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Pager label="Task pages" page={page} pages={Math.ceil(total / PAGE_SIZE)} hrefOf={pageHref} />
    </>
  );
}
