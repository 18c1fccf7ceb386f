import Link from 'next/link';
import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { ciHref, runStateLook } from '@/components/catalog/workflow-runs';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { getEntityRepository } from '@/lib/catalog';
import { listWorkflowRuns } from '@/lib/github/workflow-runs';

// The Overview's Recent runs card (Backstage's recent GitHub Actions runs card): the repository's
// last few runs at a glance, each opening on the CI/CD tab.

const SHOWN = 3;

export async function RecentRunsCard({ entityRef, baseHref }: { entityRef: string; baseHref: string }) {
  const repository = await getEntityRepository(entityRef);
  if (!repository) return null;
  // A slug not believed: said here as on the CI/CD tab (the card keeps its place beside Argo CD's).
  if (repository.unbelieved)
    return (
      <Card title="Recent runs">
        <p className="text-sm text-slate-600 [overflow-wrap:anywhere] dark:text-slate-400">
          Runs of {repository.name} are not shown: {repository.unbelieved}
        </p>
      </Card>
    );
  const read = await listWorkflowRuns(repository, { branch: null, page: 1 });
  const all = (
    <Link href={ciHref(baseHref, {})} className="text-sm font-normal">
      All runs →
    </Link>
  );
  return (
    <Card title="Recent runs" actions={all}>
      {!read.ok ? (
        <p className="text-sm text-red-700 [overflow-wrap:anywhere] dark:text-red-300">{read.error}</p>
      ) : read.value.runs.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No GitHub Actions workflow has run in {repository.name} yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {read.value.runs.slice(0, SHOWN).map((run) => {
            const look = runStateLook(run.state);
            return (
              <li key={run.id} className="flex items-start justify-between gap-3 py-2 first:pt-0 last:pb-0">
                <div className="min-w-0">
                  <Link href={ciHref(baseHref, { run: run.id })} className="text-sm font-medium [overflow-wrap:anywhere]">
                    {run.title || run.workflow}
                  </Link>
                  <p className="text-xs text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
                    {run.workflow} #{run.runNumber} · <span className="font-mono">{run.branch}</span> ·{' '}
                    <time dateTime={run.startedAt}>{formatTime(run.startedAt)}</time>
                  </p>
                </div>
                <Badge tone={look.tone}>{look.label}</Badge>
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
