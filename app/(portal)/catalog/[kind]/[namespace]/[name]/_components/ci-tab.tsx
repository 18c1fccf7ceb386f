import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { safeHref } from '@/components/ui/safe-href';
import { SegmentedLinks } from '@/components/ui/tabs';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { ciHref, formatDuration, isUnfinished, runStateLook, type CiQuery } from '@/components/catalog/workflow-runs';
import { getEntityRepository } from '@/lib/catalog';
import type { EntityRepository } from '@/lib/catalog/model';
import {
  getWorkflowRun,
  listWorkflowRuns,
  RUNS_PER_PAGE,
  type WorkflowJobSummary,
  type WorkflowRunSummary,
} from '@/lib/github/workflow-runs';

// The CI/CD tab (Backstage's GitHub Actions plugin): the entity's repository's workflow runs, read
// live from GitHub, and one run's jobs and steps. Re-running is left to GitHub (the run's link): the
// integration's token may do more in the repository than the person looking.

function State({ state }: { state: string }) {
  const look = runStateLook(state);
  return <Badge tone={look.tone}>{look.label}</Badge>;
}

function External({ href, children }: { href: string | null; children: ReactNode }) {
  const url = href ? safeHref(href) : null;
  return url ? (
    <a href={url} target="_blank" rel="noreferrer">
      {children}
    </a>
  ) : (
    <>{children}</>
  );
}

export function Unavailable({ title, reason }: { title: string; reason: string }) {
  return (
    <EmptyState title={title}>
      <span className="[overflow-wrap:anywhere]">{reason.charAt(0).toUpperCase() + reason.slice(1)}.</span>
    </EmptyState>
  );
}

export async function CiTab({ entityRef, baseHref, query }: { entityRef: string; baseHref: string; query: CiQuery }) {
  const repository = await getEntityRepository(entityRef);
  if (!repository) return <Unavailable title="No repository" reason="this entity names no GitHub repository" />;
  if (repository.unbelieved) return <Unavailable title={`Runs of ${repository.name} are not shown`} reason={repository.unbelieved} />;
  return query.run ? (
    <RunDetail repository={repository} runId={query.run} baseHref={baseHref} />
  ) : (
    <RunList repository={repository} query={query} baseHref={baseHref} />
  );
}

async function RunList({ repository, query, baseHref }: { repository: EntityRepository; query: CiQuery; baseHref: string }) {
  const read = await listWorkflowRuns(repository, { branch: query.branch, page: query.page });
  if (!read.ok) return <Unavailable title={`Could not read the runs of ${repository.name}`} reason={read.error} />;
  const { runs, total, defaultBranch, htmlUrl } = read.value;
  const pages = Math.max(1, Math.ceil(Math.min(total, 1000) / RUNS_PER_PAGE));
  const branches = [
    { key: 'all', label: 'All branches', href: ciHref(baseHref, {}), current: query.branch === null },
    { key: 'default', label: defaultBranch, href: ciHref(baseHref, { branch: defaultBranch }), current: query.branch === defaultBranch },
  ];
  if (query.branch && query.branch !== defaultBranch)
    branches.push({ key: 'other', label: query.branch, href: ciHref(baseHref, { branch: query.branch }), current: true });
  const now = new Date();
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          GitHub Actions runs of{' '}
          <External href={`${htmlUrl}/actions`}>
            <span className="font-mono">{repository.name}</span>
          </External>
          , newest first{total > 0 && <>: {total.toLocaleString('en')} in all</>}. Open a run for its jobs and steps; re-run it on GitHub.
        </p>
        <SegmentedLinks label="Branch" items={branches} />
      </div>
      {runs.length === 0 ? (
        <EmptyState title={query.page > 1 ? 'No more runs' : 'No runs yet'}>
          {query.branch ? `No workflow has run on ${query.branch}.` : 'No GitHub Actions workflow has run in this repository.'}
        </EmptyState>
      ) : (
        <Table label="Workflow runs">
          <TableHead>
            <tr>
              <TableHeader>Run</TableHeader>
              <TableHeader>Status</TableHeader>
              <TableHeader collapse>Branch</TableHeader>
              <TableHeader collapse>Event</TableHeader>
              <TableHeader collapse>Started</TableHeader>
              <TableHeader collapse align="right">
                Duration
              </TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {runs.map((run) => (
              <RunRow key={run.id} run={run} baseHref={baseHref} now={now} />
            ))}
          </TableBody>
        </Table>
      )}
      <Pager label="Pages of runs" page={query.page} pages={pages} hrefOf={(page) => ciHref(baseHref, { branch: query.branch, page })} />
    </div>
  );
}

function Commit({ run }: { run: WorkflowRunSummary }) {
  return (
    <External href={run.commitUrl}>
      <span className="font-mono text-xs">{run.sha.slice(0, 7)}</span>
    </External>
  );
}

function BranchLink({ baseHref, branch }: { baseHref: string; branch: string | null }) {
  if (!branch) return <span className="text-slate-500 dark:text-slate-400">none</span>;
  return (
    <Link href={ciHref(baseHref, { branch })} className="font-mono text-xs [overflow-wrap:anywhere]" title={`Runs on ${branch}`}>
      {branch}
    </Link>
  );
}

function RunRow({ run, baseHref, now }: { run: WorkflowRunSummary; baseHref: string; now: Date }) {
  const unfinished = isUnfinished(run.state);
  const duration = formatDuration(run.startedAt, unfinished ? null : run.updatedAt, now);
  return (
    <TableRow>
      <TableCell holdsCollapsed>
        <Link href={ciHref(baseHref, { run: run.id })} className="font-medium [overflow-wrap:anywhere]">
          {run.title || run.workflow}
        </Link>
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {run.workflow} #{run.runNumber} · <Commit run={run} />
          {run.actor && <> · {run.actor}</>}
        </p>
        <CollapsedValues
          inline
          values={[
            { label: 'Branch', value: <BranchLink baseHref={baseHref} branch={run.branch} /> },
            { label: 'Started', value: formatTime(run.startedAt) },
            ...(duration ? [{ label: unfinished ? 'Running for' : 'Took', value: duration }] : []),
          ]}
        />
      </TableCell>
      <TableCell>
        <State state={run.state} />
      </TableCell>
      <TableCell collapse>
        <BranchLink baseHref={baseHref} branch={run.branch} />
      </TableCell>
      <TableCell collapse className="text-xs whitespace-nowrap">
        {run.event.replaceAll('_', ' ')}
      </TableCell>
      <TableCell collapse className="text-xs whitespace-nowrap">
        <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
      </TableCell>
      <TableCell collapse align="right" className="text-xs whitespace-nowrap">
        {duration}
      </TableCell>
    </TableRow>
  );
}

async function RunDetail({ repository, runId, baseHref }: { repository: EntityRepository; runId: number; baseHref: string }) {
  const back = (
    <Link href={ciHref(baseHref, {})} className="text-sm">
      ← All runs
    </Link>
  );
  const read = await getWorkflowRun(repository, runId);
  if (!read.ok)
    return (
      <div className="space-y-3">
        {back}
        <Unavailable title={`Could not read run ${runId} of ${repository.name}`} reason={read.error} />
      </div>
    );
  const { run, jobs } = read.value;
  const now = new Date();
  const unfinished = isUnfinished(run.state);
  return (
    <div className="space-y-4">
      {back}
      <Card
        title={
          <>
            {run.workflow} #{run.runNumber}
          </>
        }
        actions={
          <External href={run.url}>
            <span className="text-sm font-normal">{unfinished ? 'Open on GitHub' : 'Open on GitHub (logs, re-run)'} ↗</span>
          </External>
        }
      >
        <p className="font-medium [overflow-wrap:anywhere]">{run.title}</p>
        <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1.5 text-sm sm:grid-cols-[auto_minmax(0,1fr)_auto_minmax(0,1fr)]">
          <dt className="text-slate-500 dark:text-slate-400">Status</dt>
          <dd>
            <State state={run.state} />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Branch</dt>
          <dd>
            <BranchLink baseHref={baseHref} branch={run.branch} />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Commit</dt>
          <dd>
            <Commit run={run} />
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Event</dt>
          <dd>
            {run.event.replaceAll('_', ' ')}
            {run.actor && <> by {run.actor}</>}
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">Started</dt>
          <dd>
            <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
          </dd>
          <dt className="text-slate-500 dark:text-slate-400">{unfinished ? 'Running for' : 'Took'}</dt>
          <dd>{formatDuration(run.startedAt, unfinished ? null : run.updatedAt, now)}</dd>
        </dl>
      </Card>
      {jobs.length === 0 ? (
        <EmptyState title="No jobs yet">GitHub has not started a job of this run; reload the page to see it start.</EmptyState>
      ) : (
        jobs.map((job) => <JobCard key={job.id} job={job} now={now} />)
      )}
    </div>
  );
}

function JobCard({ job, now }: { job: WorkflowJobSummary; now: Date }) {
  return (
    <Card
      title={
        <span className="inline-flex flex-wrap items-center gap-2">
          {job.name} <State state={job.state} />
          <span className="text-xs font-normal text-slate-500 dark:text-slate-400">
            {formatDuration(job.startedAt, job.completedAt, now)}
          </span>
        </span>
      }
      actions={
        job.url && (
          <External href={job.url}>
            <span className="text-sm font-normal">Logs on GitHub ↗</span>
          </External>
        )
      }
    >
      {job.steps.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">GitHub reports no steps for this job.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {job.steps.map((step) => (
            <li key={step.number} className="flex flex-wrap items-center justify-between gap-x-3 gap-y-1 py-1.5">
              <span className="min-w-0 [overflow-wrap:anywhere]">
                <span className="mr-2 text-xs text-slate-500 tabular-nums dark:text-slate-400">{step.number}</span>
                {step.name}
              </span>
              <span className="flex items-center gap-2">
                <span className="text-xs text-slate-500 tabular-nums dark:text-slate-400">
                  {formatDuration(step.startedAt, step.completedAt, now)}
                </span>
                <State state={step.state} />
              </span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
