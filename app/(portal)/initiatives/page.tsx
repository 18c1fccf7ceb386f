import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { buttonClass } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { can } from '@/lib/auth/permissions';
import { getInitiativeProgress, listInitiatives } from '@/lib/scorecards';
import { Progress } from './_components/progress';

export const metadata: Metadata = { title: 'Initiatives' };

export default async function InitiativesPage() {
  await connection();
  const actor = await pageActor();
  const initiatives = await listInitiatives();
  const progress = await Promise.all(initiatives.map((i) => getInitiativeProgress(i)));
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/scorecards">Scorecards</Link>}
        title="Initiatives"
        description="Shared goals with a deadline. Every item still to do links to how to fix it."
        actions={
          can(actor, 'initiatives.create') ? (
            <Link href="/initiatives/new" className={buttonClass()}>
              New initiative
            </Link>
          ) : undefined
        }
      />
      {initiatives.length === 0 ? (
        <EmptyState title="No initiatives yet">
          Admins and team leads set goals such as “every tier-1 service reaches Silver by 2027-03-31”.
        </EmptyState>
      ) : (
        <ul className="space-y-3">
          {initiatives.map((i, n) => (
            <li key={i.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/initiatives/${i.id}`} className="font-medium">
                  {i.title}
                </Link>
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  by {i.deadline.toISOString().slice(0, 10)} ·{' '}
                  {i.groupRef ? i.groupRef.replace(/^group:default\//, '') : 'whole organisation'}
                </span>
              </div>
              {progress[n]?.problem ? (
                <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">{progress[n].problem}.</p>
              ) : (
                progress[n] && <Progress done={progress[n].done} total={progress[n].total} goal={progress[n].goal} />
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
