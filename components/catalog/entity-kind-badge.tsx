import { findKnownKind } from '@/lib/catalog/model/kinds';

// One colour per kind, so a list of mixed kinds scans at a glance.
const KIND_TONES: Record<string, string> = {
  Component: 'bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-900/40 dark:text-sky-200 dark:ring-sky-800',
  API: 'bg-violet-50 text-violet-700 ring-violet-200 dark:bg-violet-900/40 dark:text-violet-200 dark:ring-violet-800',
  Resource: 'bg-orange-50 text-orange-700 ring-orange-200 dark:bg-orange-900/40 dark:text-orange-200 dark:ring-orange-800',
  System: 'bg-teal-50 text-teal-700 ring-teal-200 dark:bg-teal-900/40 dark:text-teal-200 dark:ring-teal-800',
  Domain: 'bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-900/40 dark:text-indigo-200 dark:ring-indigo-800',
  Group: 'bg-pink-50 text-pink-700 ring-pink-200 dark:bg-pink-900/40 dark:text-pink-200 dark:ring-pink-800',
  User: 'bg-lime-50 text-lime-800 ring-lime-200 dark:bg-lime-900/40 dark:text-lime-200 dark:ring-lime-800',
  Template: 'bg-fuchsia-50 text-fuchsia-700 ring-fuchsia-200 dark:bg-fuchsia-900/40 dark:text-fuchsia-200 dark:ring-fuchsia-800',
  Location: 'bg-slate-100 text-slate-700 ring-slate-200 dark:bg-slate-800 dark:text-slate-200 dark:ring-slate-700',
};

/** The kind as written in the spec (API, Component, …) for any casing. */
export function kindLabel(kind: string): string {
  return findKnownKind(kind) ?? kind;
}

export function EntityKindBadge({ kind }: { kind: string }) {
  const label = kindLabel(kind);
  const tone = KIND_TONES[label] ?? KIND_TONES.Location;
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-xs font-medium whitespace-nowrap ring-1 ring-inset ${tone}`}>
      {label}
    </span>
  );
}
