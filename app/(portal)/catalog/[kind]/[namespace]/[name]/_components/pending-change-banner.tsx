import type { PendingChangeSummary } from '@/lib/catalog/edit/queries';

/** A Wayfinder edit of this entity waits in a pull request: say where, and that the catalog follows the merge. */
export function PendingChangeBanner({ pending }: { pending: PendingChangeSummary }) {
  return (
    <div
      role="status"
      className="mb-6 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950/40 dark:text-amber-100"
    >
      Change pending in{' '}
      <a href={pending.prUrl} target="_blank" rel="noreferrer" className="font-medium underline">
        PR #{pending.prNumber}
      </a>{' '}
      on {pending.repository}, requested by {pending.actor}. The catalog updates when it is merged.
    </div>
  );
}
