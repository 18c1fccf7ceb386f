import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ChangeList } from '@/components/catalog/audit-change-list';
import type { AuditEntry } from '@/lib/catalog/edit/queries';

const ACTIONS: Record<string, string> = {
  'entity.change-requested': 'asked for a change',
  'entity.changed': 'changed',
  'entity.change-merged': 'merged the change',
  'entity.change-closed': 'closed the change unmerged',
};

export function HistoryTab({ entries }: { entries: AuditEntry[] }) {
  if (!entries.length)
    return (
      <EmptyState title="No changes recorded yet">
        Ownership and metadata edits made in Wayfinder, and their pull requests, appear here.
      </EmptyState>
    );
  return (
    <Card title="History">
      <ol className="divide-y divide-slate-200 dark:divide-slate-800">
        {entries.map((e) => (
          <li key={e.id} className="flex flex-col gap-1 py-3 sm:flex-row sm:gap-4">
            <time dateTime={e.at} className="w-44 shrink-0 text-xs text-slate-500 dark:text-slate-400">
              {e.at.replace('T', ' ').slice(0, 19)} UTC
            </time>
            <div className="min-w-0 flex-1 space-y-1">
              <p className="text-sm">
                <span className="font-medium">{e.actor}</span> {ACTIONS[e.action] ?? e.action}
                {e.prUrl && (
                  <>
                    {' '}
                    in{' '}
                    <a href={e.prUrl} target="_blank" rel="noreferrer">
                      {e.prUrl.replace(/^.*\/pull\//, 'PR #')}
                    </a>
                  </>
                )}
              </p>
              <ChangeList entry={e} />
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}
