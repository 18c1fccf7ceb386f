import type { Metadata } from 'next';
import Link from 'next/link';
import { ScorecardEditor } from '@/components/scorecards/scorecard-editor';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { previewScorecardAction, saveScorecardAction } from '@/lib/scorecards/actions';

export const metadata: Metadata = { title: 'New scorecard' };
export const dynamic = 'force-dynamic';

const STARTER = `apiVersion: wayfinder.dev/v1
kind: Scorecard
metadata:
  name: my-scorecard
  title: My scorecard
  description: What this scorecard is for.
spec:
  appliesTo:
    kind: Component
    type: service
  levels:
    - name: Bronze
      rules:
        - id: owned
          title: Owned by a team
          check: { relation: ownedByGroup }
          remediation: Set spec.owner to your team — entity page → **Edit ownership**.
    - name: Silver
      rules:
        - id: on-call
          title: On-call is known
          check: { annotation: pagerduty.com/service-id, exists: true }
          remediation: Add the pagerduty.com/service-id annotation. See [PagerDuty](https://pagerduty.github.io/backstage-plugin-docs/).
`;

export default async function NewScorecardPage() {
  await actorWithPermission('scorecards.edit');
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/scorecards">Scorecards</Link>}
        title="New scorecard"
        description="Preview shows how every entity it covers would score before you save. README “Scorecards and initiatives” lists every check."
      />
      <ScorecardEditor id={null} initialYaml={STARTER} preview={previewScorecardAction} save={saveScorecardAction} />
    </>
  );
}
