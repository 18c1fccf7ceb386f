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
  const filtersOf = (origin: 'backstage' | 'nunjucks') =>
    filters.filter(([, f]) => f.origin === origin).map(([name, f]) => ({ name, signature: filterSignature(name, f), doc: f }));
  const sections = [
    { title: 'Backstage’s filters', entries: filtersOf('backstage') },
    { title: 'Built-in filters', entries: filtersOf('nunjucks') },
    { title: 'Global functions', entries: functions.map(([name, f]) => ({ name, signature: functionSignature(name, f), doc: f })) },
  ].filter((s) => s.entries.length > 0);
  const entries = sections.flatMap((s) => s.entries);
  const canTry = can(actor, 'scaffolder.task.create');
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
      {canTry && (
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
      {entries.length === 0 ? (
        <EmptyState title="No filter or function matches">
          Change or <Link href="/create/templating-extensions">clear</Link> the search.
        </EmptyState>
      ) : (
        <>
          <nav aria-label="Extensions" className="mb-6 flex flex-wrap gap-x-3 gap-y-1 text-sm">
            {entries.map(({ name }) => (
              <a key={name} href={`#${name}`} className="font-mono text-xs">
                {name}
              </a>
            ))}
          </nav>
          {sections.map((s) => (
            <section key={s.title} aria-label={s.title} className="mb-8">
              <h2 className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-100">{s.title}</h2>
              <div className="grid gap-4 lg:grid-cols-2">
                {s.entries.map((e) => (
                  <ExtensionCard key={e.name} {...e} canTry={canTry} />
                ))}
              </div>
            </section>
          ))}
        </>
      )}
    </>
  );
}
