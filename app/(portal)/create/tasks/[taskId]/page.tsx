import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { startOverHref } from '@/components/scaffolder/start-over';
import { Badge, type BadgeTone } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { safeHref } from '@/components/ui/safe-href';
import { pageActor } from '@/lib/auth/authorize';
import { entityHref } from '@/lib/catalog/entity-href';
import { isAppError } from '@/lib/errors';
import { toBackstageEvent, toTaskResponse } from '@/lib/scaffolder/api';
import { shownOutput } from '@/lib/scaffolder/model/task-output';
import { canActOnTask, getTask, listTaskEvents } from '@/lib/scaffolder/queries';
import { TaskButtons } from './_components/task-buttons';
import { TaskLive } from './_components/task-live';

export const metadata = { title: 'Task' };

const STATUS_TONE: Record<string, BadgeTone> = {
  completed: 'green',
  failed: 'red',
  cancelled: 'amber',
  processing: 'brand',
  open: 'neutral',
  pending: 'neutral',
  skipped: 'neutral',
};

export default async function TaskPage({ params }: { params: Promise<{ taskId: string }> }) {
  await connection();
  const actor = await pageActor();
  const { taskId } = await params;
  if (!/^[0-9a-f-]{36}$/i.test(taskId)) notFound();
  const row = await getTask(actor, taskId).catch((err) => {
    if (isAppError(err) && err.code === 'NOT_FOUND') notFound();
    throw err;
  });
  const task = toTaskResponse(row);
  const events = (await listTaskEvents(taskId)).map(toBackstageEvent);
  const output = shownOutput(task.output);
  const done = ['completed', 'failed', 'cancelled'].includes(task.status);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/create/tasks">Task history</Link>}
        title={
          <>
            Run of <Link href={entityHref(task.spec.templateInfo.entityRef)}>{task.spec.templateInfo.entityRef}</Link>
          </>
        }
        description={`Started by ${task.createdBy} at ${new Date(task.createdAt).toISOString().replace('T', ' ').slice(0, 19)} UTC`}
        actions={
          <>
            <Badge tone={STATUS_TONE[task.status]}>{task.status}</Badge>
            {canActOnTask(actor, row) && <TaskButtons taskId={task.id} status={task.status} secretNames={task.secretNames} />}
            {done && <StartOver templateRef={task.spec.templateInfo.entityRef} values={(row.values ?? {}) as Record<string, unknown>} />}
          </>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[18rem_1fr]">
        <Card title="Steps">
          <ol className="space-y-2 text-sm">
            {task.steps.map((s) => (
              <li key={s.id} className="flex items-start justify-between gap-2">
                <span className="min-w-0">
                  <span className="block truncate">{s.name}</span>
                  <code className="text-[11px] text-slate-500 dark:text-slate-400">{s.action}</code>
                </span>
                <span className="flex shrink-0 flex-col items-end gap-0.5">
                  <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge>
                  {s.durationMs !== null && (
                    <span className="text-[11px] tabular-nums text-slate-500 dark:text-slate-400">
                      {(s.durationMs / 1000).toFixed(1)} s
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ol>
        </Card>
        <div className="min-w-0 space-y-4">
          {task.status === 'completed' && (output.links?.length || output.text?.length) ? (
            <Card title="Output">
              <ul className="flex flex-wrap gap-3 text-sm">
                {output.links?.map((l, i) => {
                  const href = l.url ? safeHref(l.url) : null;
                  return (
                    <li key={i}>
                      {l.entityRef ? (
                        <Link href={entityHref(l.entityRef)}>{l.title ?? l.entityRef}</Link>
                      ) : href ? (
                        <a href={href}>{l.title ?? l.url}</a>
                      ) : l.url ? (
                        <span>{l.title ?? l.url}</span>
                      ) : null}
                    </li>
                  );
                })}
              </ul>
              {output.text?.map((t, i) => (
                <div key={i} className="mt-3 text-sm">
                  <div className="font-medium">{t.title}</div>
                  <pre className="mt-1 whitespace-pre-wrap text-xs">
                    {typeof t.content === 'string' ? t.content : JSON.stringify(t.content)}
                  </pre>
                </div>
              ))}
            </Card>
          ) : null}
          <Card title="Log">
            <TaskLive taskId={task.id} initial={events} done={done} />
          </Card>
        </div>
      </div>
    </>
  );
}

/** Backstage's Start Over: the template's form again, with this run's answers (never its secrets). */
function StartOver({ templateRef, values }: { templateRef: string; values: Record<string, unknown> }) {
  const href = startOverHref(templateRef, values);
  if (href)
    return (
      <Link href={href} className={buttonClass('secondary')}>
        Start over
      </Link>
    );
  return (
    <Link href={startOverHref(templateRef, {})!} className={buttonClass('secondary')} title="This run's answers are too long to carry over">
      Start over (empty form)
    </Link>
  );
}
