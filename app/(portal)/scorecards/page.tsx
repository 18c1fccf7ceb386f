import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { DistributionBar } from '@/components/scorecards/distribution-bar';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { can } from '@/lib/auth/permissions';
import { getDistributions, getTrend, listScorecardProblems, listTeamsOf } from '@/lib/scorecards';
import { groupExists } from '@/lib/catalog/queries/choices';
import { TeamPicker } from './_components/team-picker';
import { Trend } from './_components/trend';

export const metadata: Metadata = { title: 'Scorecards' };

export default async function ScorecardsPage() {
  await connection();
  const actor = await pageActor();
  const [distributions, problems, anyGroup, ownTeams] = await Promise.all([
    getDistributions(),
    listScorecardProblems(),
    groupExists(),
    listTeamsOf(actor),
  ]);
  // The snapshots, with today's point the live distribution (a snapshot is taken hourly).
  const today = new Date().toISOString().slice(0, 10);
  const trends = (await Promise.all(distributions.map((d) => getTrend(d.id)))).map((points, i) => [
    ...points.filter((p) => p.day !== today),
    { day: today, counts: distributions[i].counts, total: distributions[i].total },
  ]);
  const admin = can(actor, 'scorecards.edit');
  return (
    <>
      <PageHeader
        title="Scorecards"
        description="How healthy each service is, measured the same way for everyone, with what to do next. Levels build on each other: a level counts when its rules and every rule below pass."
        actions={
          <>
            <Link href="/initiatives" className={buttonClass('secondary')}>
              Initiatives
            </Link>
            {admin && (
              <Link href="/scorecards/new" className={buttonClass()}>
                New scorecard
              </Link>
            )}
          </>
        }
      />
      {problems.length > 0 && (
        <section
          aria-label="Scorecard problems"
          className="mb-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm dark:border-red-900 dark:bg-red-950/40"
        >
          <h2 className="font-semibold text-red-800 dark:text-red-200">
            {problems.length === 1 ? 'A scorecard file was refused' : `${problems.length} scorecard files were refused`}; the last good
            version of each stays in use
          </h2>
          <ul className="mt-2 space-y-1">
            {problems.map((p) => (
              <li key={p.file} className="whitespace-pre-wrap font-mono text-xs text-red-900 dark:text-red-100">
                {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {/* With no Group in the catalog there is no team to show. */}
      {anyGroup && <TeamPicker ownTeam={ownTeams[0]} />}
      {distributions.length === 0 ? (
        <EmptyState title="No scorecards yet">
          List scorecard files under <code>scorecards:</code> in wayfinder.config.yaml
          {admin ? (
            <>
              , or <Link href="/scorecards/new">write one here</Link>
            </>
          ) : (
            ''
          )}
          .
        </EmptyState>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          {distributions.map((d, i) => (
            <Card
              key={d.id}
              title={d.title}
              actions={
                admin ? (
                  <Link href={`/scorecards/${d.id}/edit`} className="text-xs">
                    Edit
                  </Link>
                ) : undefined
              }
            >
              {d.description && <p className="mb-3 text-sm text-slate-600 dark:text-slate-300">{d.description}</p>}
              <p className="mb-2 text-sm">
                <span className="font-medium tabular-nums">{d.total}</span> entities scored
              </p>
              <DistributionBar levels={d.levels} counts={d.counts} total={d.total} />
              <h3 className="mt-5 mb-2 text-sm font-semibold">Trend (daily snapshots)</h3>
              <Trend title={d.title} levels={d.levels} points={trends[i]} />
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
