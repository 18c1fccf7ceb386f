import { connection } from 'next/server';
import { Badge } from '@/components/ui/badge';
import { buttonClass } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { PathText } from '@/components/ui/path-text';
import { actorWithPermission } from '@/lib/auth/authorize';
import { listFeedback } from '@/lib/insights';
import { SimpleTable } from '../_components/simple-table';

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
        description={
          rows.length
            ? `${rows.length} answers, ${useful} yes and ${rows.length - useful} no (the latest 500 shown).`
            : 'Answers to the question under every page.'
        }
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
          <SimpleTable
            columns={[
              { label: 'When' },
              { label: 'Page', collapse: true },
              { label: 'Useful' },
              { label: 'Comment', collapse: true },
              { label: 'Person', collapse: true },
            ]}
            rows={rows.map((r) => ({
              key: r.id,
              cells: [
                <span key="at" className="whitespace-nowrap tabular-nums">
                  {r.at.slice(0, 16).replace('T', ' ')}
                </span>,
                <PathText key="p" text={r.pattern} className="font-mono text-xs" />,
                <Badge key="u" tone={r.useful ? 'green' : 'red'}>
                  {r.useful ? 'yes' : 'no'}
                </Badge>,
                r.comment ?? '–',
                <span key="who" className="text-xs">
                  {r.userRef ?? '–'}
                </span>,
              ],
            }))}
          />
        </Card>
      )}
    </>
  );
}
