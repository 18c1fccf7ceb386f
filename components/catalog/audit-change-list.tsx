import type { AuditEntry } from '@/lib/catalog/edit/queries';

// Before → after of an audit entry's fields: the entity History tab and the admin audit log.
// Values and notes are often JSON without spaces: they wrap anywhere rather than widen their column.

const show = (v: unknown) =>
  v === null || v === undefined
    ? '—'
    : typeof v === 'string'
      ? v
      : Array.isArray(v) && v.every((x) => typeof x === 'string')
        ? v.join(', ')
        : JSON.stringify(v);

/** Before → after of each field of an audit entry. */
export function ChangeList({ entry }: { entry: AuditEntry }) {
  const fields = [...new Set([...Object.keys(entry.before ?? {}), ...Object.keys(entry.after ?? {})])];
  if (!fields.length)
    return entry.note ? <span className="font-mono text-xs wrap-anywhere text-slate-500 dark:text-slate-400">{entry.note}</span> : null;
  return (
    <ul className="space-y-0.5">
      {fields.map((f) => (
        <li key={f} className="text-sm wrap-anywhere">
          <span className="font-medium">{f}</span>:{' '}
          <span className="text-slate-500 dark:text-slate-400 line-through decoration-slate-400">{show(entry.before?.[f])}</span> →{' '}
          <span>{show(entry.after?.[f])}</span>
        </li>
      ))}
    </ul>
  );
}
