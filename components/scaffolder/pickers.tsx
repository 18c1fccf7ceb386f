'use client';

import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { contextOf, inputClass, loadProblem, set, Shell, uiOptions } from './field-shell';
import { RepoBranchPicker, RepoOwnerPicker, RepoUrlPicker } from './repo-pickers';

// Backstage's catalog-aware form fields (ui:field), reading the catalog through our own
// /api/catalog API with the browser's session: OwnerPicker, EntityPicker (catalogFilter,
// defaultKind, allowArbitraryValues), OwnedEntityPicker, MyGroupsPicker, MultiEntityPicker,
// EntityNamePicker, EntityTagsPicker and Secret; the repository fields are in repo-pickers.tsx.

type Option = { ref: string; label: string };
type Filter = Record<string, string | string[]>;

function filtersOf(options: Record<string, unknown>, fallbackKind?: string): Filter[] {
  const raw = options.catalogFilter ?? (options.allowedKinds ? { kind: options.allowedKinds } : fallbackKind ? { kind: fallbackKind } : {});
  return (Array.isArray(raw) ? raw : [raw]) as Filter[];
}

/** Entities matching Backstage catalogFilter(s), as `kind:namespace/name` options. */
function useEntityOptions(filters: Filter[]): { options: Option[]; loading: boolean; error: string | null } {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<{ options: Option[]; loading: boolean; error: string | null }>({
    options: [],
    loading: true,
    error: null,
  });
  useEffect(() => {
    let live = true;
    const load = async () => {
      const all = new Map<string, Option>();
      for (const f of JSON.parse(key) as Filter[]) {
        const q = new URLSearchParams({ limit: '500', orderField: 'metadata.name,asc' });
        for (const field of ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title']) q.append('fields', field);
        const parts = Object.entries(f).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${String(x)}`));
        if (parts.length) q.append('filter', parts.join(','));
        const res = await fetch(`/api/catalog/entities/by-query?${q}`, { credentials: 'same-origin' });
        if (!res.ok) throw new Error(`the catalog answered HTTP ${res.status}`);
        const body = (await res.json()) as { items: { kind: string; metadata: { namespace?: string; name: string; title?: string } }[] };
        for (const e of body.items) {
          const ref = `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
          all.set(ref, { ref, label: e.metadata.title ? `${e.metadata.title} (${ref})` : ref });
        }
      }
      if (live) setState({ options: [...all.values()], loading: false, error: null });
    };
    load().catch((err: Error) => live && setState({ options: [], loading: false, error: err.message }));
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

function EntityOptions({ options }: { options: Option[] }) {
  return options.map((o) => (
    <option key={o.ref} value={o.ref}>
      {o.label}
    </option>
  ));
}

function SinglePicker(props: FieldProps & { filters?: Filter[]; none?: string }) {
  const opts = uiOptions(props);
  const { options, loading, error } = useEntityOptions(props.filters ?? filtersOf(opts, opts.defaultKind as string | undefined));
  const id = props.fieldPathId.$id;
  const value = (props.formData as string | undefined) ?? '';
  // Backstage's default: type any ref, with the catalog's entities offered.
  const arbitrary = opts.allowArbitraryValues !== false;
  return (
    <Shell props={props} problem={error ? loadProblem(error) : !loading && options.length === 0 ? props.none : undefined}>
      {arbitrary ? (
        <>
          <input
            id={id}
            list={`${id}-list`}
            className={inputClass}
            value={value}
            onChange={(e) => set(props, e.target.value)}
            placeholder={loading ? 'Loading…' : 'Type or choose'}
            autoFocus={props.uiSchema?.['ui:autofocus'] === true}
          />
          <datalist id={`${id}-list`}>
            <EntityOptions options={options} />
          </datalist>
        </>
      ) : (
        <select
          id={id}
          className={inputClass}
          value={value}
          onChange={(e) => set(props, e.target.value)}
          disabled={loading}
          autoFocus={props.uiSchema?.['ui:autofocus'] === true}
        >
          <option value="">{loading ? 'Loading…' : 'Choose…'}</option>
          {value && !options.some((o) => o.ref === value) && <option value={value}>{value}</option>}
          <EntityOptions options={options} />
        </select>
      )}
    </Shell>
  );
}

export function EntityPicker(props: FieldProps) {
  return <SinglePicker {...props} />;
}

export function OwnerPicker(props: FieldProps) {
  const opts = uiOptions(props);
  // Backstage's OwnerPicker offers Groups (and Users) by default.
  const withDefault =
    opts.catalogFilter || opts.allowedKinds
      ? props
      : { ...props, uiSchema: { ...props.uiSchema, 'ui:options': { ...opts, catalogFilter: [{ kind: ['Group', 'User'] }] } } };
  return <SinglePicker {...withDefault} />;
}

/**
 * Backstage's OwnedEntityPicker: an EntityPicker over what the signed-in person or one of their
 * groups owns (`relations.ownedBy`), within its catalogFilter or allowedKinds.
 */
export function OwnedEntityPicker(props: FieldProps) {
  const opts = uiOptions(props);
  const filters = ownedFilters(filtersOf(opts, opts.defaultKind as string | undefined), contextOf(props).ownershipRefs ?? []);
  return <SinglePicker {...props} filters={filters} none="Nothing in the catalog is owned by you or your groups." />;
}

/**
 * Each filter narrowed to what `owners` own. The catalog API takes at most 20 conditions a filter,
 * so a person in many groups gets several filters (their answers are joined), 15 owners each.
 */
export function ownedFilters(filters: Filter[], owners: string[]): Filter[] {
  const chunks = Array.from({ length: Math.ceil(owners.length / 15) }, (_, i) => owners.slice(i * 15, i * 15 + 15));
  return filters.flatMap((f) => chunks.map((chunk) => ({ ...f, 'relations.ownedBy': chunk })));
}

/** Backstage's MyGroupsPicker: one of the Groups the signed-in person is a member of. */
export function MyGroupsPicker(props: FieldProps) {
  const user = contextOf(props).userRef;
  const uiSchema = { ...props.uiSchema, 'ui:options': { ...uiOptions(props), allowArbitraryValues: false } };
  return (
    <SinglePicker
      {...props}
      uiSchema={uiSchema}
      filters={user ? [{ kind: 'Group', 'relations.hasMember': user }] : []}
      none="You are not a member of any group in the catalog."
    />
  );
}

export function MultiEntityPicker(props: FieldProps) {
  const { options, loading, error } = useEntityOptions(filtersOf(uiOptions(props)));
  const value = (props.formData as string[] | undefined) ?? [];
  return (
    <Shell props={props} problem={error ? loadProblem(error) : undefined}>
      <select
        id={props.fieldPathId.$id}
        multiple
        className={`${inputClass} h-32`}
        value={value}
        disabled={loading}
        onChange={(e) =>
          set(
            props,
            [...e.target.selectedOptions].map((o) => o.value),
          )
        }
      >
        <EntityOptions options={options} />
      </select>
    </Shell>
  );
}

/** Checked as Backstage checks it (field-checks.ts), when the form goes to the next page. */
export function EntityNamePicker(props: FieldProps) {
  return (
    <Shell props={props} hint="Letters, digits, dashes, underscores and periods; at most 63 characters">
      <input
        id={props.fieldPathId.$id}
        className={inputClass}
        value={(props.formData as string | undefined) ?? ''}
        onChange={(e) => set(props, e.target.value)}
        autoFocus={props.uiSchema?.['ui:autofocus'] === true}
      />
    </Shell>
  );
}

export function EntityTagsPicker(props: FieldProps) {
  const value = (props.formData as string[] | undefined) ?? [];
  const [text, setText] = useState(value.join(', '));
  return (
    <Shell props={props} hint="Comma-separated tags: lower-case letters, digits and dashes">
      <input
        id={props.fieldPathId.$id}
        className={inputClass}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          set(
            props,
            e.target.value
              .split(',')
              .map((t) => t.trim().toLowerCase())
              .filter(Boolean),
          );
        }}
      />
    </Shell>
  );
}

/** A secret: sent once with the task, never stored or logged, never shown again. */
export function SecretField(props: FieldProps) {
  return (
    <Shell props={props} hint="Sent to the task only; never stored or shown again">
      <input
        id={props.fieldPathId.$id}
        type="password"
        autoComplete="off"
        className={inputClass}
        value={(props.formData as string | undefined) ?? ''}
        onChange={(e) => set(props, e.target.value)}
      />
    </Shell>
  );
}

export const PICKER_FIELDS = {
  EntityPicker,
  OwnerPicker,
  OwnedEntityPicker,
  MyGroupsPicker,
  MultiEntityPicker,
  EntityNamePicker,
  EntityTagsPicker,
  RepoUrlPicker,
  RepoOwnerPicker,
  RepoBranchPicker,
  Secret: SecretField,
};
