import Link from 'next/link';
import { connection } from 'next/server';
import { SearchForm } from '@/components/scaffolder/reference-parts';
import { TryExpression } from '@/components/scaffolder/try-expression';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import { can } from '@/lib/auth/permissions';
import {
  filterSignature,
  functionSignature,
  TEMPLATE_FILTERS,
  TEMPLATE_GLOBAL_FUNCTIONS,
} from '@/lib/scaffolder/model/templating-extensions';
import { ExtensionCard } from './_components/extension-card';

export const metadata = { title: 'Templating extensions' };

// Backstage's /create/templating-extensions: what `${{ }}` expressions can call, each with examples
// whose outputs are what a run gives (lib/scaffolder/model/templating-extensions.test.ts renders them),
// and a box to try an expression in the same sandbox.

const DEFAULT_TRY = { expression: "${{ parameters.name | replace('-', ' ') | title }}", parameters: '{ "name": "payments-api" }' };

const text = (v: string | string[] | undefined) => (typeof v === 'string' ? v : '');

function matches(q: string, name: string, description: string): boolean {
  return !q || name.toLowerCase().includes(q) || description.toLowerCase().includes(q);
}

export default async function TemplatingExtensionsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await connection();
  const actor = await pageActor();
  const params = await searchParams;
  const q = text(params.q).trim().toLowerCase();
  const filters = Object.entries(TEMPLATE_FILTERS).filter(([name, f]) => matches(q, name, f.description));
  const functions = Object.entries(TEMPLATE_GLOBAL_FUNCTIONS).filter(([name, f]) => matches(q, name, f.description));
  const sections = [
    { title: 'Backstage’s filters', items: filters.filter(([, f]) => f.origin === 'backstage') },
    { title: 'Built-in filters', items: filters.filter(([, f]) => f.origin === 'nunjucks') },
  ];
  const tried = text(params.expression) ? { expression: text(params.expression), parameters: text(params.parameters) } : DEFAULT_TRY;
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/create">Create</Link>}
        title="Templating extensions"
        description={
          <>
            What <code>{'${{ }}'}</code> expressions in a template&apos;s steps and skeleton files can call besides reading values:
            Backstage&apos;s filters, the template language&apos;s built-in filters (Nunjucks&apos;, as Backstage&apos;s nunjitsu keeps
            them) and its global functions. Each example gives what a run gives. The same list is{' '}
            <code>GET /api/scaffolder/v2/templating-extensions</code>.
          </>
        }
        actions={
          <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            <Link href="/create/actions">Installed actions</Link>
            <Link href="/create/edit">Template editor</Link>
          </div>
        }
      />
      {can(actor, 'scaffolder.task.create') && (
        <div id="try" className="mb-6 scroll-mt-20">
          <Card title="Try an expression">
            <TryExpression key={`${tried.expression}\u0000${tried.parameters}`} {...tried} />
          </Card>
        </div>
      )}
      <SearchForm
        label="Filter extensions"
        q={text(params.q)}
        placeholder="Name or description"
        clearHref="/create/templating-extensions"
      />
      {filters.length + functions.length === 0 ? (
        <EmptyState title="No filter or function matches">
          Change or <Link href="/create/templating-extensions">clear</Link> the search.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Extensions" className="mb-6 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {[...filters, ...functions].map(([name]) => (
              <a key={name} href={`#${name}`} className="font-mono text-xs">
                {name}
              </a>
            ))}
          </nav>
          {sections.map(
            (s) =>
              s.items.length > 0 && (
                <section key={s.title} aria-label={s.title} className="mb-8">
                  <h2 className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-100">{s.title}</h2>
                  <div className="grid gap-4 lg:grid-cols-2">
                    {s.items.map(([name, f]) => (
                      <ExtensionCard
                        key={name}
                        name={name}
                        signature={filterSignature(name, f)}
                        description={f.description}
                        types={{ input: f.input, output: f.output }}
                        args={f.arguments}
                        examples={f.examples}
                      />
                    ))}
                  </div>
                </section>
              ),
          )}
          {functions.length > 0 && (
            <section aria-label="Global functions" className="mb-8">
              <h2 className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-100">Global functions</h2>
              <div className="grid gap-4 lg:grid-cols-2">
                {functions.map(([name, f]) => (
                  <ExtensionCard
                    key={name}
                    name={name}
                    signature={functionSignature(name, f)}
                    description={f.description}
                    types={{ output: f.output }}
                    args={f.arguments}
                    examples={f.examples}
                  />
                ))}
              </div>
            </section>
          )}
        </>
      )}
    </>
  );
}
