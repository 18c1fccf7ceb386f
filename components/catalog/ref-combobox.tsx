'use client';

import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type { Choice, ChoiceKind } from '@/lib/catalog/queries/choices';
import { controlClass, controlWidth } from '@/components/ui/input';
import type { FieldControlProps } from '@/components/ui/field';

/** A page of choices for the text typed. */
export type ChoiceSearch = (text: string, signal: AbortSignal) => Promise<{ items: Choice[]; more: boolean }>;

/** GET /api/entity-choices: entities of `kinds` whose name, title or display name holds the text. */
function entityChoices(kinds: ChoiceKind[], leadOf?: string): ChoiceSearch {
  return async (text, signal) => {
    const params = new URLSearchParams(kinds.map((kind) => ['kind', kind]));
    if (text) params.set('q', text);
    if (leadOf) params.set('leadOf', leadOf);
    const res = await fetch(`/api/entity-choices?${params}`, { signal, credentials: 'same-origin' });
    if (!res.ok) throw new Error(`the catalog answered HTTP ${res.status}`);
    return (await res.json()) as { items: Choice[]; more: boolean };
  };
}

/**
 * A text field for an entity ref that offers, as the person types, the entities of `kinds` whose
 * name, title or display name holds the text (GET /api/entity-choices, a page at a time), or what
 * `search` finds: a picker that stays small however large the catalog. Typing a ref that is not
 * offered is allowed, and the server checks what is submitted; with `strict` only a choice is
 * taken. `leadOf` offers the people who could lead that group, its members first. `format` writes
 * the chosen ref as the field keeps it (`team-orders` for group:default/team-orders). Uncontrolled
 * (`defaultValue`, in a form) or controlled (`value`, `onChange`).
 */
export function RefCombobox({
  kinds = [],
  search,
  searchKey = '',
  leadOf,
  format = (ref) => ref,
  strict = false,
  name,
  value,
  defaultValue = '',
  onChange,
  placeholder,
  required,
  disabled,
  autoFocus,
  inline,
  className = '',
  membersLabel,
  ...control
}: Partial<FieldControlProps> & {
  kinds?: ChoiceKind[];
  /** Where choices come from instead of GET /api/entity-choices; `searchKey` changes when it does. */
  search?: ChoiceSearch;
  searchKey?: string;
  leadOf?: string;
  format?: (ref: string) => string;
  strict?: boolean;
  name?: string;
  value?: string;
  defaultValue?: string;
  onChange?: (ref: string) => void;
  placeholder?: string;
  required?: boolean;
  disabled?: boolean;
  autoFocus?: boolean;
  inline?: boolean;
  className?: string;
  'aria-label'?: string;
  /** The heading of the group's members with `leadOf` (e.g. "Members of team-orders"). */
  membersLabel?: string;
}) {
  const [own, setOwn] = useState(defaultValue);
  const current = value ?? own;
  // With `strict`, what is typed stays in the field only until a choice is made or it loses focus.
  const [draft, setDraft] = useState<string | null>(null);
  const text = draft ?? current;
  const [open, setOpen] = useState(false);
  // Opened on a value already there, the list offers everything; what is typed then narrows it.
  const [typed, setTyped] = useState(false);
  const [active, setActive] = useState(-1);
  const [found, setFound] = useState<{ key: string; items: Choice[]; more: boolean } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const listId = `${useId()}-choices`;
  const key = JSON.stringify([search ? searchKey : kinds, leadOf ?? '', typed ? text.trim() : '']);
  const find = search ?? entityChoices(kinds, leadOf);

  useEffect(() => {
    if (!open) return;
    const controller = new AbortController();
    const q = (JSON.parse(key) as [unknown, string, string])[2];
    // A short pause, so that a word typed quickly is one request.
    const timer = setTimeout(() => {
      find(q, controller.signal)
        .then((page) => {
          setFound({ key, ...page });
          setProblem(null);
          setActive(-1);
        })
        .catch((err: Error) => err.name !== 'AbortError' && setProblem(`Could not load choices: ${err.message}`));
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `find` is new each render; what it answers changes with `key`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, key]);

  const items = found?.items ?? [];
  const change = (next: string) => {
    if (value === undefined) setOwn(next);
    onChange?.(next);
  };
  const choose = (c: Choice) => {
    setDraft(null);
    change(format(c.ref));
    setOpen(false);
  };
  const reopen = () => {
    if (open) return;
    setTyped(false);
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    if (strict && draft !== null) {
      // Emptied, the field is cleared; anything else typed gives way to the last choice.
      if (!draft.trim()) change('');
      setDraft(null);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) return reopen();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((i) => (items.length ? (i + step + items.length) % items.length : -1));
    } else if (e.key === 'Enter' && open && active >= 0 && items[active]) {
      e.preventDefault();
      choose(items[active]);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close();
    }
  };
  // With `leadOf` the group's members are under their own heading, everyone else under another.
  const groups = leadOf
    ? [
        { label: membersLabel ?? 'Members', items: items.filter((c) => c.member) },
        { label: 'Everyone else', items: items.filter((c) => !c.member) },
      ].filter((g) => g.items.length)
    : [{ label: null, items }];
  const loaded = found?.key === key;

  return (
    <div className={`relative ${inline ? 'inline-block' : ''} ${className}`}>
      <input
        {...control}
        name={strict ? undefined : name}
        value={text}
        required={required}
        disabled={disabled}
        autoFocus={autoFocus}
        placeholder={placeholder}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        autoComplete="off"
        spellCheck={false}
        className={`${controlClass} ${controlWidth(false)}`}
        onChange={(e) => {
          if (strict) setDraft(e.target.value);
          else change(e.target.value);
          setTyped(true);
          setOpen(true);
        }}
        onFocus={reopen}
        onClick={reopen}
        onBlur={close}
        onKeyDown={onKeyDown}
      />
      {strict && name && <input type="hidden" name={name} value={current} />}
      {open && (
        <div
          id={listId}
          role="listbox"
          aria-label={control['aria-label'] ?? 'Choices'}
          className="absolute z-20 mt-1 max-h-72 w-full min-w-64 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {problem ? (
            <p className="px-3 py-1.5 text-red-700 dark:text-red-300">{problem}</p>
          ) : items.length === 0 ? (
            <p className="px-3 py-1.5 text-slate-500 dark:text-slate-400">{loaded ? 'No matches' : 'Loading…'}</p>
          ) : (
            groups.map((g) => (
              <div key={g.label ?? ''} role={g.label ? 'group' : undefined} aria-label={g.label ?? undefined}>
                {g.label && (
                  <p
                    aria-hidden
                    className="px-3 pt-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
                  >
                    {g.label}
                  </p>
                )}
                {g.items.map((c) => {
                  const i = items.indexOf(c);
                  return (
                    <div
                      key={c.ref}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === active}
                      // Chosen on mouse down, before the field's blur closes the list.
                      onMouseDown={(e) => {
                        e.preventDefault();
                        choose(c);
                      }}
                      onMouseEnter={() => setActive(i)}
                      className={`cursor-pointer px-3 py-1.5 ${i === active ? 'bg-brand-50 dark:bg-slate-800' : ''}`}
                    >
                      <span className="block truncate font-medium">{c.label}</span>
                      <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{c.ref}</span>
                    </div>
                  );
                })}
              </div>
            ))
          )}
          {found?.more && (
            <p className="border-t border-slate-100 px-3 pt-1.5 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
              Type more to narrow the list.
            </p>
          )}
        </div>
      )}
    </div>
  );
}
