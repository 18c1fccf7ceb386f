import { ErrorText } from '@/components/catalog-actions/error-text';
import type { StoredError } from '@/lib/catalog/queries/served-entities';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

export function ErrorPosition({ e }: { e: Pick<StoredError, 'file' | 'line' | 'column'> }) {
  return <code className="font-mono text-xs break-all">{`${e.file}:${e.line}:${e.column}`}</code>;
}

/** A banner at the top of the overview: ingestion problems must not go unnoticed. */
export function ProcessingErrorsBanner({ errors, problemsHref }: { errors: StoredError[]; problemsHref: string }) {
  if (errors.length === 0) return null;
  return (
    <div
      role="alert"
      className="mb-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200"
    >
      <p className="font-semibold">
        {errors.length === 1
          ? 'The last ingestion of this entity failed'
          : `${errors.length} problems in the last ingestion of this entity`}
        ; the catalog shows its last good version.
      </p>
      <ul className="mt-2 space-y-1">
        {errors.slice(0, 3).map((e, i) => (
          <li key={i}>
            <ErrorPosition e={e} /> — <ErrorText message={e.message} />
          </li>
        ))}
      </ul>
      {errors.length > 3 && (
        <a href={problemsHref} className="mt-2 inline-block font-medium text-red-800 underline dark:text-red-200">
          See all {errors.length} problems
        </a>
      )}
    </div>
  );
}

export function ProblemsList({ errors }: { errors: StoredError[] }) {
  if (errors.length === 0) {
    return (
      <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-6 text-center text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
        No problems: this entity was read from its source without errors.
      </div>
    );
  }
  return (
    <Table label="Problems">
      <TableHead>
        <tr>
          <TableHeader>Where</TableHeader>
          <TableHeader>Code</TableHeader>
          <TableHeader>Message</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {errors.map((e, i) => (
          <TableRow key={i} className="align-top">
            <TableCell>
              <ErrorPosition e={e} />
            </TableCell>
            <TableCell>
              <span className="rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs text-red-700 dark:bg-red-900/40 dark:text-red-200">
                {e.code}
              </span>
            </TableCell>
            <TableCell className="text-slate-700 dark:text-slate-300">
              <ErrorText message={e.message} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
