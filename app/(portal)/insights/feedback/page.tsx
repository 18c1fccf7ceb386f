import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { listFeedback } from '@/lib/insights';

export const metadata = { title: 'Page feedback' };

// Admins only (feedback.read).
export default async function FeedbackPage() {
  await connection();
  await actorWithPermission('feedback.read');
  const rows = await listFeedback(500);
  const useful = rows.filter((r) => r.useful).length;
  return (
    <>
      <PageHeader
        eyebrow="Adoption insights"
        title="Was this useful?"
        description={rows.length ? `${rows.length} answers, ${useful} yes and ${rows.length - useful} no (the latest 500 shown).` : 'Answers to the question under every page.'}
        actions={
          <>
            <a className={buttonClass('secondary')} href="/api/insights/feedback?format=csv">
              Export CSV
            </a>
            <a className={buttonClass('secondary')} href="/api/insights/feedback?format=json">
              Export JSON
            </a>
          </>
        }
      />
      {rows.length === 0 ? (
        <EmptyState title="No answers yet">People answer under every portal page.</EmptyState>
      ) : (
        <Card>
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-1 pr-3">When</th>
                  <th scope="col" className="py-1 pr-3">Page</th>
                  <th scope="col" className="py-1 pr-3">Useful</th>
                  <th scope="col" className="py-1 pr-3">Comment</th>
                  <th scope="col" className="py-1">Person</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td className="whitespace-nowrap py-1 pr-3 tabular-nums">{r.at.slice(0, 16).replace('T', ' ')}</td>
                    <td className="py-1 pr-3 font-mono text-xs">{r.pattern}</td>
                    <td className="py-1 pr-3">
                      <Badge tone={r.useful ? 'green' : 'red'}>{r.useful ? 'yes' : 'no'}</Badge>
                    </td>
                    <td className="break-words py-1 pr-3">{r.comment ?? '–'}</td>
                    <td className="py-1 text-xs">{r.userRef ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      )}
    </>
  );
}
