import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ScorecardEditor } from '@/components/scorecards/scorecard-editor';
import { Card } from '@/components/ui/card';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { getScorecard, listScorecardVersions } from '@/lib/scorecards';
import { previewScorecardAction, saveScorecardAction } from '@/lib/scorecards/actions';

export const metadata: Metadata = { title: 'Edit scorecard' };
export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export default async function EditScorecardPage({ params }: Props) {
  await actorWithPermission('scorecards.edit');
  const { id } = await params;
  // Ids are lower-case letters, digits and dashes: nothing in a valid address needs decoding.
  const card = await getScorecard(id);
  if (!card) notFound();
  const versions = await listScorecardVersions(card.id);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/scorecards">Scorecards</Link>}
        title={`Edit ${card.title}`}
        description={
          card.source === 'config'
            ? `Read from ${card.sourceFile}. Saving here keeps the portal's version from then on; the file is no longer read for it.`
            : 'Edited in the portal.'
        }
      />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <ScorecardEditor id={card.id} initialYaml={card.yaml} preview={previewScorecardAction} save={saveScorecardAction} />
        </div>
        <Card title="History">
          <ol className="space-y-2 text-sm">
            {versions.map((v) => (
              <li key={v.version}>
                <span className="font-medium">Version {v.version}</span>{' '}
                <span className="text-slate-500 dark:text-slate-400">
                  {v.source === 'config' ? 'from the file' : `by ${v.createdBy}`},{' '}
                  {v.createdAt.toISOString().replace('T', ' ').slice(0, 16)} UTC
                </span>
              </li>
            ))}
          </ol>
        </Card>
      </div>
    </>
  );
}
