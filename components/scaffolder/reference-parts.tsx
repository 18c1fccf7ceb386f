import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { MiniMarkdown } from '@/components/ui/mini-markdown';

// What the template authors' reference pages (/create/actions, /create/templating-extensions) share:
// a list of named, typed fields (descriptions in the small Markdown of MiniMarkdown, as action
// schemas and the extensions' own are written) and the search form above the list.

export type ReferenceField = { name: string; type: string; required: boolean; default?: string; description?: string };

/** `showRequired: false` for outputs, whose `required` says only that the action always gives it. */
export function FieldList({ title, fields, showRequired = true }: { title: string; fields: ReferenceField[]; showRequired?: boolean }) {
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
                {f.required && showRequired && <Badge tone="amber">required</Badge>}
                {f.default !== undefined && (
                  <span className="text-xs text-slate-500 dark:text-slate-400">
                    default <code className="[overflow-wrap:anywhere]">{f.default}</code>
                  </span>
                )}
              </dt>
              {f.description && (
                <dd className="mt-0.5 text-slate-600 [overflow-wrap:anywhere] dark:text-slate-300">
                  <MiniMarkdown text={f.description} />
                </dd>
              )}
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}

/** A GET form filtering the page by `q`, with Clear while a search is on. */
export function SearchForm({ label, q, placeholder, clearHref }: { label: string; q: string; placeholder: string; clearHref: string }) {
  return (
    <form method="get" className="mb-4 flex flex-wrap items-end gap-3" aria-label={label}>
      <Field label="Search">{(p) => <Input {...p} name="q" defaultValue={q} placeholder={placeholder} inline />}</Field>
      <Button type="submit" variant="secondary">
        Filter
      </Button>
      {q && (
        <Link href={clearHref} className="text-sm">
          Clear
        </Link>
      )}
    </form>
  );
}
