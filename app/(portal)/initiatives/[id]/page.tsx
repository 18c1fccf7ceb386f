import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { MiniMarkdown } from '@/components/ui/mini-markdown';
import { TimeChart } from '@/components/scorecards/time-chart';
import { Card } from '@/components/ui/card';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { entityHref } from '@/lib/catalog/entity-href';
import { getInitiative, getInitiativeHistory, getInitiativeProgress } from '@/lib/scorecards';
import { Progress } from '../_components/progress';

export const metadata: Metadata = { title: 'Initiative' };

type Props = { params: Promise<{ id: string }> };

const short = (ref: string | null) => (ref ? ref.replace(/^[a-z]+:default\//, '') : 'no owner');

export default async function InitiativePage({ params }: Props) {
  await connection();
  await pageActor();
  const initiative = await getInitiative((await params).id);
  if (!initiative) notFound();
  const [progress, history] = await Promise.all([getInitiativeProgress(initiative), getInitiativeHistory(initiative.id)]);
  if (!progress) notFound();
  const deadline = initiative.deadline.toISOString().slice(0, 10);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const daysLeft = Math.ceil((initiative.deadline.getTime() - now.getTime()) / 86_400_000);
  // Burn-up: done per day from the snapshots (today live), against everything in scope, up to the deadline.
  const points: { day: string; done: number | null; total: number }[] = [
    ...history.filter((h) => h.day !== today).map((h) => ({ day: h.day, done: h.done, total: h.total })),
    { day: today, done: progress.done, total: progress.total },
  ];
  if (deadline > today) points.push({ day: deadline, done: null, total: progress.total });
  const open = progress.items.filter((i) => !i.done);
  const byTeam = new Map<string, typeof open>();
  for (const item of open) byTeam.set(item.owner ?? '', [...(byTeam.get(item.owner ?? '') ?? []), item]);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/initiatives">Initiatives</Link>}
        title={initiative.title}
        description={`Goal: every entity in scope will ${progress.goal} on ${initiative.scorecardId} by ${deadline}${initiative.groupRef ? ` (${short(initiative.groupRef)} and the teams below it)` : ''}. ${daysLeft >= 0 ? `${daysLeft} days left.` : 'The deadline has passed; the goal stays open until it is met.'}`}
      />
      {initiative.description && (
        <p className="-mt-3 mb-6 max-w-3xl text-sm text-slate-600 dark:text-slate-300">{initiative.description}</p>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card title="Progress over time" className="lg:col-span-2">
          <Progress done={progress.done} total={progress.total} goal={progress.goal} />
          <div className="mt-4">
            <TimeChart
              data={points.map((p) => ({ day: p.day, Done: p.done, 'In scope': p.total }))}
              series={[
                { key: 'Done', label: 'Done', color: '#10b981' },
                { key: 'In scope', label: 'In scope (the goal)', color: '#6366f1', dashed: true },
              ]}
              marker={{ x: deadline, label: 'deadline' }}
            />
          </div>
          <details className="mt-2 text-sm">
            <summary className="cursor-pointer text-slate-600 dark:text-slate-300">Progress as a table</summary>
            <Table inline className="mt-2">
              <caption className="sr-only">Entities done and in scope by day</caption>
              <TableHead>
                <tr>
                  <TableHeader>Day</TableHeader>
                  <TableHeader align="right">Done</TableHeader>
                  <TableHeader align="right">In scope</TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {points
                  .filter((p) => p.done !== null)
                  .map((p) => (
                    <TableRow key={p.day}>
                      <TableHeader scope="row" className="font-normal">
                        {p.day}
                      </TableHeader>
                      <TableCell align="right">{p.done}</TableCell>
                      <TableCell align="right">{p.total}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </details>
        </Card>
        <Card title="Per team">
          <Table bare>
            <TableHead>
              <tr>
                <TableHeader>Team</TableHeader>
                <TableHeader align="right">Done</TableHeader>
              </tr>
            </TableHead>
            <TableBody>
              {progress.perTeam.map((t) => (
                <TableRow key={t.group}>
                  <TableHeader scope="row" className="font-normal">
                    {t.group ? (
                      <Link href={`/scorecards/team?group=${encodeURIComponent(t.group)}&scorecard=${initiative.scorecardId}`}>
                        {short(t.group)}
                      </Link>
                    ) : (
                      'no owner'
                    )}
                  </TableHeader>
                  <TableCell align="right">
                    {t.done} / {t.total}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Card>
      </div>
      <section aria-labelledby="still-to-do" className="mt-8">
        <h2 id="still-to-do" className="mb-3 text-lg font-semibold">
          Still to do, and how
        </h2>
        {progress.problem ? (
          <p role="alert" className="text-sm text-slate-700 dark:text-slate-200">
            {progress.problem}.
          </p>
        ) : open.length === 0 ? (
          <p className="text-sm text-emerald-700 dark:text-emerald-300">Everything in scope has met the goal. Thank you!</p>
        ) : (
          <div className="space-y-4">
            {[...byTeam.entries()].map(([team, items]) => (
              <Card key={team} title={`${short(team)} — ${items.length} to go`}>
                <ul className="space-y-3">
                  {items.map((item) => (
                    <li key={item.ref} className="text-sm">
                      <Link href={`${entityHref(item.ref)}?tab=scorecards`} className="font-medium">
                        {short(item.ref)}
                      </Link>
                      <ul className="mt-1 space-y-1 pl-4">
                        {item.failing.map((f) => (
                          <li key={f.id} className="list-disc text-slate-600 dark:text-slate-300">
                            <span className="font-medium text-slate-800 dark:text-slate-100">{f.title}</span>:{' '}
                            <MiniMarkdown text={f.remediation} />
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
                </ul>
              </Card>
            ))}
          </div>
        )}
      </section>
    </>
  );
}
