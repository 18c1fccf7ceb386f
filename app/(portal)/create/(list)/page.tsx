import Link from 'next/link';
import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { entityHref } from '@/lib/catalog/entity-href';
import { ACTIONS } from '@/lib/scaffolder/actions/index';
import { listTemplateCards } from '@/lib/scaffolder/template-cards';
import { whyNotNow } from '@/lib/auth/abilities';
import { Button } from '@/components/ui/button';
import { DisabledButton } from '@/components/ui/disabled-button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { pageActor } from '@/lib/auth/authorize';

export const metadata = { title: 'Create' };

export default async function CreatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await connection();
  await pageActor();
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : '');
  const [q, tag, type, owner] = ['q', 'tag', 'type', 'owner'].map(one);
  const [all, createDenied] = await Promise.all([listTemplateCards(), whyNotNow('catalog.entity.create')]);
  const templates = all.filter(
    (t) =>
      (!q || `${t.title} ${t.name} ${t.description ?? ''}`.toLowerCase().includes(q.toLowerCase())) &&
      (!tag || t.tags.includes(tag)) &&
      (!type || t.type === type) &&
      (!owner || t.owner === owner),
  );
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))].sort();
  const select = (name: string, label: string, options: string[], value: string) => (
    <Field label={label}>
      {(p) => (
        <Select {...p} name={name} defaultValue={value} inline>
          <option value="">Any</option>
          {options.map((o) => (
            <option key={o} value={o}>
              {o.replace(/^group:default\//, '')}
            </option>
          ))}
        </Select>
      )}
    </Field>
  );
  return (
    <>
      <PageHeader
        title="Create"
        description="Golden paths: software templates that set up a new service, library or site the way the organisation runs them."
        actions={
          <>
            <Link href="/create/tasks" className="text-sm">
              Task history
            </Link>
            <Link href="/create/edit" className="text-sm">
              Template editor
            </Link>
            <Link href="/create/actions" className="text-sm">
              Installed actions
            </Link>
            <Link href="/create/templating-extensions" className="text-sm">
              Templating extensions
            </Link>
            <Link href={createDenied ? '/catalog-import' : '/catalog/new'} className="text-sm">
              {createDenied ? 'Register a catalog-info.yaml →' : 'Add an entity to the catalog →'}
            </Link>
          </>
        }
      />
      <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label="Filter templates">
        <Field label="Search">{(p) => <Input {...p} name="q" defaultValue={q} placeholder="Name or description" inline />}</Field>
        {select('type', 'Type', distinct(all.map((t) => t.type)), type)}
        {select('tag', 'Tag', distinct(all.flatMap((t) => t.tags)), tag)}
        {select('owner', 'Owner', distinct(all.map((t) => t.owner)), owner)}
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {(q || tag || type || owner) && (
          <Link href="/create" className="text-sm">
            Clear
          </Link>
        )}
      </form>
      {templates.length === 0 && all.length > 0 ? (
        <EmptyState title="No template matches">Change or clear the filters.</EmptyState>
      ) : templates.length === 0 ? (
        <EmptyState title="No templates yet">
          Templates are catalog entities of kind Template (scaffolder.backstage.io/v1beta3); <Link href="/catalog-import">register</Link> a
          location that holds one.
        </EmptyState>
      ) : (
        <div className="grid gap-4 md:grid-cols-2">
          {templates.map((t) => (
            <Card
              key={t.ref}
              title={
                <Link href={entityHref(t.ref)} className="text-base">
                  {t.title}
                </Link>
              }
              actions={t.type && <Badge tone="brand">{t.type}</Badge>}
            >
              {t.description && <p className="text-sm text-slate-700 dark:text-slate-300">{t.description}</p>}
              <div className="mt-2 flex flex-wrap items-center gap-1 text-xs text-slate-500 dark:text-slate-400">
                {t.owner && (
                  <span className="mr-2">
                    Owner: <Link href={entityHref(t.owner)}>{t.owner.replace(/^group:default\//, '')}</Link>
                  </span>
                )}
                {t.tags.map((tag) => (
                  <Badge key={tag}>{tag}</Badge>
                ))}
              </div>
              <div className="mt-4 grid gap-4 sm:grid-cols-2">
                <div>
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Asks for</h3>
                  {t.pages.length ? (
                    <ol className="mt-1 space-y-2 text-sm">
                      {t.pages.map((page) => (
                        <li key={page.title}>
                          <div className="font-medium">{page.title}</div>
                          <ul className="ml-3 list-disc text-slate-700 marker:text-slate-400 dark:text-slate-300">
                            {page.parameters.map((p) => (
                              <li key={p.name}>
                                {p.title}
                                {p.required && (
                                  <span className="text-red-600" title="required">
                                    {' '}
                                    *
                                  </span>
                                )}
                                {p.field && (
                                  <span className="ml-1 font-mono text-[11px] text-slate-500 dark:text-slate-400">{p.field}</span>
                                )}
                              </li>
                            ))}
                          </ul>
                        </li>
                      ))}
                    </ol>
                  ) : (
                    <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">No parameters.</p>
                  )}
                </div>
                <div>
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Steps</h3>
                  <ol className="mt-1 list-decimal space-y-1 pl-5 text-sm marker:text-slate-400">
                    {t.steps.map((s) => (
                      <li key={s.id}>
                        {s.name ?? s.id}{' '}
                        {ACTIONS.has(s.action) ? (
                          <Link href={`/create/actions#${s.action}`} aria-label={`${s.action}: what it reads`}>
                            <code className="rounded bg-slate-100 px-1 text-[11px] dark:bg-slate-800">{s.action}</code>
                          </Link>
                        ) : (
                          <>
                            <code className="rounded bg-slate-100 px-1 text-[11px] dark:bg-slate-800">{s.action}</code>{' '}
                            <Badge tone="red">not installed</Badge>
                          </>
                        )}
                      </li>
                    ))}
                  </ol>
                </div>
              </div>
              <div className="mt-4 flex items-center justify-between gap-3 border-t border-slate-100 pt-3 text-sm dark:border-slate-800">
                <Link href={entityHref(t.ref)} className="whitespace-nowrap">
                  View template
                </Link>
                {t.steps.every((s) => ACTIONS.has(s.action)) ? (
                  <Link
                    href={`/create/templates/${t.ref.slice('template:'.length)}`}
                    className={buttonClass()}
                    aria-label={`Choose ${t.title}`}
                  >
                    Choose
                  </Link>
                ) : (
                  // The run would stop at that step: the form is not offered (loadTemplate refuses it too).
                  <DisabledButton
                    label="Choose"
                    variant="primary"
                    reason="It cannot run here: a step uses an action this portal does not have. Replace or remove that step."
                  />
                )}
              </div>
            </Card>
          ))}
        </div>
      )}
    </>
  );
}
