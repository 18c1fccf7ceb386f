import Link from 'next/link';
import type { ReactNode } from 'react';
import { ErrorText } from '@/components/catalog-actions/error-text';
import type { EntityDocsProblem } from '@/lib/docs';
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

/** The docs problems the Problems tab lists: null when the entity has no docs. */
export type DocsProblems = { problems: EntityDocsProblem[]; failure: string | null };

export const docsProblemCount = (docs: { problems: unknown[]; failure: string | null } | null) =>
  docs ? docs.problems.length + (docs.failure ? 1 : 0) : 0;

const SECTION_HEADING = 'mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400';

/** What went wrong reading the entity (catalog) and building its docs, each with where. */
export function ProblemsList({ errors, docs, docsHref }: { errors: StoredError[]; docs: DocsProblems | null; docsHref: string }) {
  if (errors.length === 0 && docsProblemCount(docs) === 0) {
    return (
      <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-6 text-center text-sm text-emerald-800 dark:border-emerald-900 dark:bg-emerald-950/40 dark:text-emerald-200">
        No problems: this entity was read from its source without errors{docs ? ', and its docs were built without problems' : ''}.
      </div>
    );
  }
  return (
    <div className="space-y-6">
      {errors.length > 0 && (
        <section aria-labelledby="entity-catalog-problems">
          <h2 id="entity-catalog-problems" className={SECTION_HEADING}>
            Catalog
          </h2>
          <ProblemsTable
            label="Catalog problems"
            rows={errors.map((e) => ({ where: <ErrorPosition e={e} />, code: e.code, message: <ErrorText message={e.message} /> }))}
          />
        </section>
      )}
      {docs && docsProblemCount(docs) > 0 && (
        <section aria-labelledby="entity-docs-problems">
          <h2 id="entity-docs-problems" className={SECTION_HEADING}>
            Docs
          </h2>
          {docs.failure && (
            <p role="alert" className="mb-3 text-sm text-amber-800 dark:text-amber-200">
              The docs source could not be read: {docs.failure} The <Link href={docsHref}>Docs tab</Link> shows the last good build.
            </p>
          )}
          {docs.problems.length > 0 && (
            <ProblemsTable
              label="Docs problems"
              rows={docs.problems.map((p) => ({
                where:
                  p.pagePath === null ? (
                    <ErrorPosition e={p} />
                  ) : (
                    <Link href={p.pagePath ? `${docsHref}/${p.pagePath}` : docsHref}>
                      <ErrorPosition e={p} />
                    </Link>
                  ),
                code: p.code,
                message: p.message,
              }))}
            />
          )}
        </section>
      )}
    </div>
  );
}

function ProblemsTable({ label, rows }: { label: string; rows: { where: ReactNode; code: string; message: ReactNode }[] }) {
  return (
    <Table label={label}>
      <TableHead>
        <tr>
          <TableHeader>Where</TableHeader>
          <TableHeader>Code</TableHeader>
          <TableHeader>Message</TableHeader>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i} className="align-top">
            <TableCell>{r.where}</TableCell>
            <TableCell>
              <span className="rounded bg-red-50 px-1.5 py-0.5 font-mono text-xs text-red-700 dark:bg-red-900/40 dark:text-red-200">
                {r.code}
              </span>
            </TableCell>
            <TableCell className="text-slate-700 dark:text-slate-300">{r.message}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
