import Link from 'next/link';
import { connection } from 'next/server';
import { FieldList, SearchForm } from '@/components/scaffolder/reference-parts';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { actionDocs } from '@/lib/scaffolder/action-docs';

export const metadata = { title: 'Installed actions' };

// Backstage's /create/actions: what a template's steps can call, with the inputs each action reads.

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
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/create/templating-extensions">Templating extensions</Link>
            <Link href="/create/edit">Template editor</Link>
          </div>
        }
      />
      <SearchForm label="Filter actions" q={q} placeholder="Id or description" clearHref="/create/actions" />
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
                    <FieldList title="Inputs" fields={a.inputs} />
                    <FieldList title="Outputs" fields={a.outputs} showRequired={false} />
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
