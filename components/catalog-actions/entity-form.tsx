'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { saveManagedEntityAction } from '@/lib/catalog/actions';
import { specFieldsOf, type EntityFields, type ManagedKind } from '@/lib/catalog/managed-entity-form';
import { ActionFeedback, FieldError } from './action-feedback';

export type RefOption = { ref: string; label: string };

type Props = {
  /** Set when editing: the entity's canonical ref (kind, namespace and name are then fixed). */
  expectedRef?: string;
  initial: EntityFields;
  initialYaml: string;
  kinds: readonly ManagedKind[];
  ownerOptions: RefOption[];
  systemOptions: RefOption[];
  /** For kinds the form has no fields for (e.g. Template): only the YAML editor. */
  yamlOnly?: boolean;
};

const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-100 disabled:text-slate-500 dark:border-slate-700 dark:bg-slate-950 dark:disabled:bg-slate-800';

export function EntityForm({ expectedRef, initial, initialYaml, kinds, ownerOptions, systemOptions, yamlOnly = false }: Props) {
  const router = useRouter();
  const [mode, setMode] = useState<'form' | 'yaml'>(yamlOnly ? 'yaml' : 'form');
  const [fields, setFields] = useState<EntityFields>(initial);
  const [yaml, setYaml] = useState(initialYaml);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, start] = useTransition();
  const editing = Boolean(expectedRef);
  // Which spec fields the kind has, and which are required: the catalog's kind rules decide.
  const spec = specFieldsOf(fields.kind);

  const set = (key: keyof EntityFields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [key]: e.target.value }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(async () => {
      // Fields the chosen kind does not have may hold values typed for another kind: the server
      // writes only the kind's own fields (buildDescriptor).
      const input = mode === 'form' ? { mode, expectedRef, ...fields } : { mode, expectedRef, yaml };
      const result = await saveManagedEntityAction(input);
      if (result.ok) {
        router.push(result.data.href);
        return;
      }
      setError(result.error);
      setFieldErrors(result.fieldErrors ?? {});
    });
  };

  const field = (key: keyof EntityFields, label: string, control: ReactNode, hint?: string, required?: boolean) => (
    <div>
      <label htmlFor={`f-${key}`} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
        {required && <span className="text-red-600"> *</span>}
      </label>
      {control}
      {hint && <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{hint}</p>}
      <FieldError id={`e-${key}`} messages={fieldErrors[key]} />
    </div>
  );
  const aria = (key: keyof EntityFields) => ({ id: `f-${key}`, 'aria-invalid': fieldErrors[key] ? true : undefined, 'aria-describedby': fieldErrors[key] ? `e-${key}` : undefined });
  const text = (key: keyof EntityFields, props: { placeholder?: string; list?: string; disabled?: boolean } = {}) => (
    <input {...aria(key)} name={key} type="text" value={fields[key]} onChange={set(key)} className={inputClass} {...props} />
  );

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <div hidden={yamlOnly} role="tablist" aria-label="Editor" className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm dark:border-slate-700">
        {(['form', 'yaml'] as const).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={mode === m}
            onClick={() => {
              setMode(m);
              setError(null);
              setFieldErrors({});
            }}
            className={`rounded px-3 py-1 ${mode === m ? 'bg-brand-600 text-white' : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'}`}
          >
            {m === 'form' ? 'Form' : 'Edit as YAML'}
          </button>
        ))}
      </div>

      {mode === 'form' ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {field(
            'kind',
            'Kind',
            <select {...aria('kind')} name="kind" value={fields.kind} onChange={set('kind')} disabled={editing} className={inputClass}>
              {kinds.map((k) => (
                <option key={k}>{k}</option>
              ))}
            </select>,
            editing ? 'Kind, namespace and name cannot change; create a new entity instead.' : undefined,
            true,
          )}
          {field('name', 'Name', text('name', { placeholder: 'orders-service', disabled: editing }), 'Lowercase letters, digits and dashes, e.g. orders-service', true)}
          {field('namespace', 'Namespace', text('namespace', { placeholder: 'default', disabled: editing }))}
          {field('title', 'Title', text('title', { placeholder: 'Orders service' }))}
          <div className="sm:col-span-2">
            {field('description', 'Description', <textarea {...aria('description')} name="description" rows={3} value={fields.description} onChange={set('description')} className={inputClass} />)}
          </div>
          {spec.type && field('type', 'Type (spec.type)', text('type', { placeholder: typePlaceholder(fields.kind) }), undefined, spec.type === 'required')}
          {spec.lifecycle && field('lifecycle', 'Lifecycle', text('lifecycle', { placeholder: 'production', list: 'lifecycles' }), undefined, spec.lifecycle === 'required')}
          {spec.owner && field('owner', 'Owner', text('owner', { placeholder: 'team-orders', list: 'owner-options' }), 'A Group or User, e.g. team-orders or user:jane', spec.owner === 'required')}
          {spec.system && field('system', 'System', text('system', { placeholder: 'orders', list: 'system-options' }), undefined, spec.system === 'required')}
          {field('tags', 'Tags', text('tags', { placeholder: 'java, payments' }), 'Comma separated; lowercase words joined by dashes')}
          <div className="sm:col-span-2">
            {field(
              'links',
              'Links',
              <textarea {...aria('links')} name="links" rows={3} value={fields.links} onChange={set('links')} placeholder="https://grafana.example.com/d/orders Dashboard" className={`${inputClass} font-mono`} />,
              'One a line: the URL, then an optional title',
            )}
          </div>
          {spec.definition && (
            <div className="sm:col-span-2">
              {field(
                'definition',
                'Definition',
                <textarea {...aria('definition')} name="definition" rows={8} value={fields.definition} onChange={set('definition')} className={`${inputClass} font-mono`} />,
                'The API definition itself, e.g. an OpenAPI document',
                spec.definition === 'required',
              )}
            </div>
          )}
          <datalist id="lifecycles">
            <option value="experimental" />
            <option value="production" />
            <option value="deprecated" />
          </datalist>
          <datalist id="owner-options">
            {ownerOptions.map((o) => (
              <option key={o.ref} value={o.ref} label={o.label} />
            ))}
          </datalist>
          <datalist id="system-options">
            {systemOptions.map((o) => (
              <option key={o.ref} value={o.ref} label={o.label} />
            ))}
          </datalist>
        </div>
      ) : (
        <div>
          <label htmlFor="f-yaml" className="block text-sm font-medium text-slate-800 dark:text-slate-200">
            Descriptor (one YAML document, as in catalog-info.yaml)
          </label>
          <textarea
            id="f-yaml"
            name="yaml"
            rows={22}
            spellCheck={false}
            value={yaml}
            onChange={(e) => setYaml(e.target.value)}
            aria-invalid={error ? true : undefined}
            className={`${inputClass} font-mono text-xs`}
          />
          <FieldError id="e-yaml" messages={fieldErrors.yaml} />
          <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
            The form and the YAML are edited separately; saving uses the one shown.
          </p>
        </div>
      )}

      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? 'Saving…' : editing ? 'Save changes' : 'Create entity'}
        </Button>
        <ActionFeedback error={error && fieldErrors._ ? `${error}\n${fieldErrors._.join('\n')}` : error} />
      </div>
    </form>
  );
}

function typePlaceholder(kind: ManagedKind): string {
  return { Component: 'service', API: 'openapi', Resource: 'database', System: 'product', Domain: 'business', Group: 'team', User: '' }[kind];
}
