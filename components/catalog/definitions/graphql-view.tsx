'use client';

import { useState } from 'react';
import type { GqlField, GqlType, GraphQlOutline } from './graphql-model';
import { Input } from '@/components/ui/input';

// A GraphQL reference: queries, mutations and subscriptions first, then the types, with a search
// that narrows both to the names (of types, fields and arguments) that contain the text.

const named = (type: string) => type.replace(/[[\]!]/g, '');
const anchor = (name: string) => `gql-${name}`;

function TypeRef({ type, known }: { type: string; known: Set<string> }) {
  const base = named(type);
  return (
    <span className="font-mono text-xs text-violet-700 dark:text-violet-300">
      {known.has(base) ? (
        <a href={`#${anchor(base)}`} className="underline decoration-dotted underline-offset-2">
          {type}
        </a>
      ) : (
        type
      )}
    </span>
  );
}

function FieldRow({ field, known }: { field: GqlField; known: Set<string> }) {
  return (
    <li className="px-4 py-1.5 text-sm">
      <p className="flex flex-wrap items-baseline gap-x-1 font-mono">
        <span className={`font-semibold ${field.deprecated ? 'text-slate-500 dark:text-slate-400 line-through' : ''}`}>{field.name}</span>
        {field.args.length > 0 && (
          <span className="text-xs text-slate-600 dark:text-slate-300">
            (
            {field.args.map((a, i) => (
              <span key={a.name}>
                {i > 0 && ', '}
                {a.name}: <TypeRef type={a.type} known={known} />
                {a.defaultValue !== undefined && ` = ${a.defaultValue}`}
              </span>
            ))}
            )
          </span>
        )}
        <span className="text-xs">:</span> <TypeRef type={field.type} known={known} />
      </p>
      {(field.description || field.deprecated) && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          {field.description}
          {field.deprecated && <span className="ml-1 text-amber-700 dark:text-amber-300">Deprecated: {field.deprecated}</span>}
        </p>
      )}
    </li>
  );
}

function TypeCard({ type, known, fields }: { type: GqlType; known: Set<string>; fields: GqlField[] }) {
  return (
    <div
      id={anchor(type.name)}
      className="scroll-mt-20 rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
    >
      <p className="border-b border-slate-200 px-4 py-1.5 text-sm dark:border-slate-800">
        <span className="mr-1.5 text-xs text-slate-500 dark:text-slate-400">{type.kind}</span>
        <span className="font-mono font-semibold">{type.name}</span>
        {type.members.length > 0 && (
          <span className="ml-2 font-mono text-xs text-slate-500 dark:text-slate-400">= {type.members.join(' | ')}</span>
        )}
        {type.description && <span className="ml-2 text-slate-500 dark:text-slate-400">{type.description}</span>}
      </p>
      {fields.length > 0 && (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {fields.map((f) => (
            <FieldRow key={f.name} field={f} known={known} />
          ))}
        </ul>
      )}
      {type.values.length > 0 && (
        <p className="flex flex-wrap gap-x-3 px-4 py-1.5 font-mono text-xs text-slate-600 dark:text-slate-300">
          {type.values.map((v) => (
            <span key={v}>{v}</span>
          ))}
        </p>
      )}
    </div>
  );
}

export function GraphQlView({ outline }: { outline: GraphQlOutline }) {
  const [q, setQ] = useState('');
  const term = q.trim().toLowerCase();
  const hit = (s: string) => s.toLowerCase().includes(term);
  const fieldHit = (f: GqlField) => !term || hit(f.name) || f.args.some((a) => hit(a.name)) || hit(named(f.type));
  const known = new Set(outline.types.map((x) => x.name));
  const types = outline.types
    .map((type) => ({ type, fields: !term || hit(type.name) ? type.fields : type.fields.filter(fieldHit) }))
    .filter(({ type, fields }) => !term || hit(type.name) || fields.length > 0 || type.values.some(hit));
  const operations = outline.operations.map((o) => ({ ...o, fields: o.fields.filter(fieldHit) })).filter((o) => o.fields.length > 0);
  return (
    <div className="space-y-5">
      {outline.description && <p className="whitespace-pre-line text-sm text-slate-700 dark:text-slate-300">{outline.description}</p>}
      <Input
        type="search"
        value={q}
        onChange={(e) => setQ(e.target.value)}
        placeholder="Search types, fields and arguments…"
        aria-label="Search the schema"
        className="max-w-md"
      />
      {operations.map((o) => (
        <section
          key={o.root}
          aria-label={o.root === 'Query' ? 'Queries' : o.root === 'Mutation' ? 'Mutations' : 'Subscriptions'}
          className="rounded-md border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900"
        >
          <h2 className="border-b border-slate-200 px-4 py-1.5 text-sm font-semibold dark:border-slate-800">
            {o.root === 'Query' ? 'Queries' : o.root === 'Mutation' ? 'Mutations' : 'Subscriptions'}
          </h2>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800">
            {o.fields.map((f) => (
              <FieldRow key={f.name} field={f} known={known} />
            ))}
          </ul>
        </section>
      ))}
      <section aria-label="Types" className="space-y-3">
        <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Types</h2>
        {types.map(({ type, fields }) => (
          <TypeCard key={type.name} type={type} known={known} fields={fields} />
        ))}
        {types.length === 0 && operations.length === 0 && (
          <p className="text-sm text-slate-500 dark:text-slate-400">Nothing in the schema matches “{q}”.</p>
        )}
      </section>
    </div>
  );
}
