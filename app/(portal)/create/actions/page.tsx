import Link from 'next/link';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { actionDocs, type ActionField } from '@/lib/scaffolder/action-docs';

export const metadata = { title: 'Installed actions' };

// Backstage's /create/actions: what a template's steps can call, with the inputs each action reads.

// An output's `required` says only that the action always gives it: not shown.
function Fields({ title, fields, outputs = false }: { title: string; fields: ActionField[]; outputs?: boolean }) {
  return (
    <div className="min-w-0">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h3>
      {fields.length === 0 ? (
        <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">None.</p>
      ) : (
        <dl className="mt-1 divide-y divide-slate-100 text-sm dark:divide-slate-800">
          {fields.map((f) => (
            <div key={f.name} className="py-2">
              <dt className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                <code className="font-semibold text-slate-900 dark:text-slate-100">{f.name}</code>
                <code className="text-xs text-brand-700 [overflow-wrap:anywhere] dark:text-brand-100">{f.type}</code>
                {f.required && !outputs && <Badge tone="amber">required</Badge>}
                {f.default !== undefined && (
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    default <code className="[overflow-wrap:anywhere]">{f.default}</code>
                  </span>
                )}
              </dt>
              {f.description && <dd className="mt-0.5 text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">{f.description}</dd>}
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

export default async function ActionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await pageActor();
  const { q: raw } = await searchParams;
  const q = typeof raw === 'string' ? raw : '';
  const actions = actionDocs(q);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/create">Create</Link>}
        title="Installed actions"
        description={
          <>
            What a template&apos;s steps can call, by Backstage id, with the inputs each action reads and the outputs later steps can use (
            <code>{'${{ steps.<id>.output.<name> }}'}</code>). An input a step gives that its action does not read is named in the task log.
            The same list, as JSON Schema, is <code>GET /api/scaffolder/v2/actions</code>.
          </>
        }
        actions={
          <Link href="/create/edit" className="text-sm">
            Template editor
          </Link>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter actions">
        <Field label="Search">{(p) => <Input {...p} name="q" defaultValue={q} placeholder="Id or description" inline />}</Field>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {q && (
          <Link href="/create/actions" className="text-sm">
            Clear
          </Link>
        )}
      </form>
      {actions.length === 0 ? (
        <EmptyState title="No action matches">
          Change or <Link href="/create/actions">clear</Link> the search.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Actions" className="mb-4 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {actions.map((a) => (
              <a key={a.id} href={`#${a.id}`} className="font-mono text-xs">
                {a.id}
              </a>
            ))}
          </nav>
          <div className="space-y-4">
            {actions.map((a) => (
              <div key={a.id} id={a.id} className="scroll-mt-20">
                <Card title={<code>{a.id}</code>}>
                  <p className="text-sm text-slate-700 dark:text-slate-300">{a.description}</p>
                  <div className="mt-3 grid gap-4 lg:grid-cols-2">
                    <Fields title="Inputs" fields={a.inputs} />
                    <Fields title="Outputs" fields={a.outputs} outputs />
                  </div>
                </Card>
              </div>
            ))}
          </div>
        </>
      )}
    </>
  );
}
