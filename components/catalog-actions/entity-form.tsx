'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { saveManagedEntityAction } from '@/lib/catalog/actions';
import { specFieldsOf, type EntityFields, type ManagedKind } from '@/lib/catalog/managed-entity-form';
import { shortOwnerRef, shortSystemRef } from '@/lib/catalog/model/refs';
import { NAMESPACE_RULE, OBJECT_NAME_RULE } from '@/lib/catalog/model/validation';
import { RefCombobox } from '@/components/catalog/ref-combobox';
import { ActionFeedback } from './action-feedback';
import { LifecycleOptions } from './lifecycle-options';
import { Field, type FieldControlProps } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';

/** The catalog's own name rule (the one its error quotes), not a stricter-sounding paraphrase. */
const sentence = (rule: string) => `${rule[0].toUpperCase()}${rule.slice(1)}`;
const NAME_HINT = `${sentence(OBJECT_NAME_RULE)}, e.g. orders-service`;
const NAMESPACE_HINT = `${sentence(NAMESPACE_RULE)}; most entities live in default`;

type Props = {
  /** Set when editing: the entity's canonical ref (kind, namespace and name are then fixed). */
  expectedRef?: string;
  initial: EntityFields;
  initialYaml: string;
  kinds: readonly ManagedKind[];
  /** For kinds the form has no fields for (e.g. Template): only the YAML editor. */
  yamlOnly?: boolean;
};

export function EntityForm({ expectedRef, initial, initialYaml, kinds, yamlOnly = false }: Props) {
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

  const field = (
    key: keyof EntityFields,
    label: string,
    control: (p: FieldControlProps) => ReactNode,
    hint?: string,
    required?: boolean,
    className?: string,
  ) => (
    <Field
      id={`f-${key}`}
      className={className}
      label={
        <>
          {label}
          {required && <span className="text-red-600"> *</span>}
        </>
      }
      hint={hint}
      error={fieldErrors[key]}
    >
      {control}
    </Field>
  );
  const text = (key: keyof EntityFields, props: { placeholder?: string; list?: string; disabled?: boolean } = {}) =>
    function TextControl(p: FieldControlProps) {
      return <Input {...p} name={key} type="text" value={fields[key]} onChange={set(key)} {...props} />;
    };

  return (
    <form onSubmit={submit} className="space-y-5" noValidate>
      <div
        hidden={yamlOnly}
        role="tablist"
        aria-label="Editor"
        className="inline-flex rounded-md border border-slate-300 p-0.5 text-sm dark:border-slate-700"
      >
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
            (p) => (
              <Select {...p} name="kind" value={fields.kind} onChange={set('kind')} disabled={editing}>
                {kinds.map((k) => (
                  <option key={k}>{k}</option>
                ))}
              </Select>
            ),
            editing ? 'Kind, namespace and name cannot change; create a new entity instead.' : undefined,
            true,
          )}
          {field('name', 'Name', text('name', { placeholder: 'orders-service', disabled: editing }), NAME_HINT, true)}
          {field('namespace', 'Namespace', text('namespace', { placeholder: 'default', disabled: editing }), NAMESPACE_HINT)}
          {field('title', 'Title', text('title', { placeholder: 'Orders service' }))}
          {field(
            'description',
            'Description',
            (p) => (
              <Textarea {...p} name="description" rows={3} value={fields.description} onChange={set('description')} />
            ),
            undefined,
            false,
            'sm:col-span-2',
          )}
          {spec.type &&
            field(
              'type',
              'Type (spec.type)',
              text('type', { placeholder: typePlaceholder(fields.kind) }),
              undefined,
              spec.type === 'required',
            )}
          {spec.lifecycle &&
            field(
              'lifecycle',
              'Lifecycle',
              text('lifecycle', { placeholder: 'production', list: 'lifecycles' }),
              undefined,
              spec.lifecycle === 'required',
            )}
          {spec.owner &&
            field(
              'owner',
              'Owner',
              (p) => (
                <RefCombobox
                  {...p}
                  name="owner"
                  kinds={['group', 'user']}
                  format={shortOwnerRef}
                  value={fields.owner}
                  onChange={(owner) => setFields((f) => ({ ...f, owner }))}
                  placeholder="team-orders"
                />
              ),
              'A Group or User, e.g. team-orders or user:jane',
              spec.owner === 'required',
            )}
          {spec.system &&
            field(
              'system',
              'System',
              (p) => (
                <RefCombobox
                  {...p}
                  name="system"
                  kinds={['system']}
                  format={shortSystemRef}
                  value={fields.system}
                  onChange={(system) => setFields((f) => ({ ...f, system }))}
                  placeholder="orders"
                />
              ),
              undefined,
              spec.system === 'required',
            )}
          {field('tags', 'Tags', text('tags', { placeholder: 'java, payments' }), 'Comma separated; lowercase words joined by dashes')}
          {field(
            'links',
            'Links',
            (p) => (
              <Textarea
                {...p}
                name="links"
                rows={3}
                value={fields.links}
                onChange={set('links')}
                placeholder="https://grafana.example.com/d/orders Dashboard"
                className="font-mono"
              />
            ),
            'One a line: the URL, then an optional title',
            false,
            'sm:col-span-2',
          )}
          {spec.definition &&
            field(
              'definition',
              'Definition',
              (p) => (
                <Textarea {...p} name="definition" rows={8} value={fields.definition} onChange={set('definition')} className="font-mono" />
              ),
              'The API definition itself, e.g. an OpenAPI document',
              spec.definition === 'required',
              'sm:col-span-2',
            )}
          <LifecycleOptions id="lifecycles" />
        </div>
      ) : (
        <div>
          <Field id="f-yaml" label="Descriptor (one YAML document, as in catalog-info.yaml)" error={fieldErrors.yaml}>
            {(p) => (
              <Textarea
                {...p}
                name="yaml"
                rows={22}
                spellCheck={false}
                value={yaml}
                onChange={(e) => setYaml(e.target.value)}
                aria-invalid={error || p['aria-invalid'] ? true : undefined}
                className="font-mono text-xs"
              />
            )}
          </Field>
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
  return { Component: 'service', API: 'openapi', Resource: 'database', System: 'product', Domain: 'business', Group: 'team', User: '' }[
    kind
  ];
}
