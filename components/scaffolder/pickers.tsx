'use client';

import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { RefCombobox, type ChoiceSearch } from '@/components/catalog/ref-combobox';
import { contextOf, inputClass, loadProblem, set, Shell, uiOptions } from './field-shell';
import { RepoBranchPicker, RepoOwnerPicker, RepoUrlPicker } from './repo-pickers';

// Backstage's catalog-aware form fields (ui:field), reading the catalog through our own
// /api/catalog API with the browser's session: OwnerPicker, EntityPicker (catalogFilter,
// defaultKind, allowArbitraryValues), OwnedEntityPicker, MyGroupsPicker, MultiEntityPicker,
// EntityNamePicker, EntityTagsPicker and Secret; the repository fields are in repo-pickers.tsx.

type Filter = Record<string, string | string[]>;

function filtersOf(options: Record<string, unknown>, fallbackKind?: string): Filter[] {
  const raw = options.catalogFilter ?? (options.allowedKinds ? { kind: options.allowedKinds } : fallbackKind ? { kind: fallbackKind } : {});
  return (Array.isArray(raw) ? raw : [raw]) as Filter[];
}

const PAGE = 20;

type Found = {
  kind: string;
  metadata: { namespace?: string; name: string; title?: string };
  spec?: { profile?: { displayName?: string } };
};

/**
 * The entities matching any of Backstage's catalogFilters whose name or title holds the text (of a
 * typed ref, its name), by name, a page at a time: the catalog API's GET by-query with the filter,
 * `fullTextFilterTerm` and `fullTextFilterFields`, one request a filter.
 */
export function catalogSearch(filters: Filter[]): ChoiceSearch {
  return async (text, signal) => {
    const term = text
      .trim()
      .replace(/^[^:/]*:/, '')
      .replace(/^.*\//, '');
    const pages = await Promise.all(
      filters.map(async (f) => {
        const q = new URLSearchParams({ limit: String(PAGE + 1), orderField: 'metadata.name,asc' });
        for (const field of ['kind', 'metadata.namespace', 'metadata.name', 'metadata.title', 'spec.profile.displayName'])
          q.append('fields', field);
        const parts = Object.entries(f).flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}=${String(x)}`));
        if (parts.length) q.append('filter', parts.join(','));
        if (term) {
          q.set('fullTextFilterTerm', term);
          q.set('fullTextFilterFields', 'metadata.name,metadata.title');
        }
        const res = await fetch(`/api/catalog/entities/by-query?${q}`, { signal, credentials: 'same-origin' });
        if (!res.ok) throw new Error(`the catalog answered HTTP ${res.status}`);
        return ((await res.json()) as { items: Found[] }).items;
      }),
    );
    const all = new Map<string, { ref: string; label: string; name: string }>();
    for (const e of pages.flat()) {
      const ref = `${e.kind.toLowerCase()}:${e.metadata.namespace ?? 'default'}/${e.metadata.name}`;
      all.set(ref, { ref, label: e.spec?.profile?.displayName || e.metadata.title || e.metadata.name, name: e.metadata.name });
    }
    const sorted = [...all.values()].sort((x, y) => x.name.localeCompare(y.name) || x.ref.localeCompare(y.ref));
    return { items: sorted.slice(0, PAGE).map(({ ref, label }) => ({ ref, label })), more: sorted.length > PAGE };
  };
}

/** Whether any entity matches the filters (an empty list is said before the person looks). */
function useNoneFound(filters: Filter[], wanted: boolean): { none: boolean; error: string | null } {
  const key = JSON.stringify(filters);
  const [state, setState] = useState<{ none: boolean; error: string | null }>({ none: false, error: null });
  useEffect(() => {
    if (!wanted) return;
    const controller = new AbortController();
    catalogSearch(JSON.parse(key) as Filter[])('', controller.signal)
      .then((page) => setState({ none: page.items.length === 0, error: null }))
      .catch((err: Error) => err.name !== 'AbortError' && setState({ none: false, error: err.message }));
    return () => controller.abort();
  }, [key, wanted]);
  return state;
}

/**
 * One entity ref, found as the person types among the entities the filters allow. Backstage's
 * default takes any ref typed too; `allowArbitraryValues: false` takes only a choice.
 */
function SinglePicker(props: FieldProps & { filters?: Filter[]; none?: string }) {
  const opts = uiOptions(props);
  const filters = props.filters ?? filtersOf(opts, opts.defaultKind as string | undefined);
  const key = JSON.stringify(filters);
  const strict = opts.allowArbitraryValues === false;
  const { none, error } = useNoneFound(filters, Boolean(props.none));
  return (
    <Shell props={props} problem={error ? loadProblem(error) : none ? props.none : undefined}>
      <RefCombobox
        id={props.fieldPathId.$id}
        className="mt-1"
        search={catalogSearch(filters)}
        searchKey={key}
        strict={strict}
        value={(props.formData as string | undefined) ?? ''}
        onChange={(ref) => set(props, ref)}
        placeholder={strict ? 'Type to find, then choose' : 'Type a ref or find one'}
        autoFocus={props.uiSchema?.['ui:autofocus'] === true}
      />
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

/** Several entity refs: each chosen as in an EntityPicker, listed with a button that removes it. */
export function MultiEntityPicker(props: FieldProps) {
  const opts = uiOptions(props);
  const filters = filtersOf(opts, opts.defaultKind as string | undefined);
  const value = (props.formData as string[] | undefined) ?? [];
  // Cleared after each choice, so that the next one can be typed.
  const [adding, setAdding] = useState(0);
  const title = String(props.schema.title ?? props.name);
  return (
    <Shell props={props}>
      {value.length > 0 && (
        <ul aria-label={`Chosen ${title}`} className="mt-1 flex flex-wrap gap-1.5">
          {value.map((ref) => (
            <li key={ref} className="inline-flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-2.5 text-xs dark:bg-slate-800">
              {ref}
              <button
                type="button"
                aria-label={`Remove ${ref}`}
                onClick={() =>
                  set(
                    props,
                    value.filter((v) => v !== ref),
                  )
                }
                className="rounded-full px-1.5 text-slate-500 hover:bg-slate-200 hover:text-slate-800 dark:hover:bg-slate-700 dark:hover:text-slate-100"
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <RefCombobox
        key={adding}
        id={props.fieldPathId.$id}
        className="mt-1"
        search={catalogSearch(filters)}
        searchKey={JSON.stringify(filters)}
        strict
        value=""
        onChange={(ref) => {
          if (ref && !value.includes(ref)) set(props, [...value, ref]);
          setAdding((n) => n + 1);
        }}
        placeholder="Type to find, then choose to add"
      />
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
