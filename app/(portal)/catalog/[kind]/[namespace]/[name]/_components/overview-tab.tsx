import { annotationLinks, hasTechDocs } from '@/components/catalog/annotation-links';
import { RelationsCard } from '@/components/catalog/relations-card';
import type { EntityLink } from '@/lib/catalog/model';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import type { EntityPageData } from '@/lib/catalog/queries/pages';
import { Suspense } from 'react';
import { argoInstances, argoTargetOf } from '@/lib/argocd/applications';
import { repositoryOf } from '@/lib/catalog/model';
import { integrationForRepository } from '@/lib/github/integrations';
import { AboutCard } from './about-card';
import { ArgoCdCard } from './argocd-card';
import { RecentRunsCard } from './recent-runs-card';
import { CardSkeleton } from '@/components/ui/skeleton';
import { KindSections } from './kind-sections';
import { LinksCard } from './links-card';

/** The GitHub the entity's repository is on: its integration's web address, else github.com. */
const githubWebOf = (entity: { metadata: { annotations?: Record<string, string> } }) =>
  integrationForRepository(repositoryOf(entity, true)?.webUrl ?? null)?.webBaseUrl ?? 'https://github.com';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

export function OverviewTab({
  data,
  owners,
  system,
  domain,
  runsOf,
  baseHref,
  ownedPage,
}: {
  data: EntityPageData;
  baseHref: string;
  /** The page of a Group's or User's owned entities asked for (`?owned=`). */
  ownedPage?: string;
  /** The entity page to link its runs to, when it has a CI/CD tab. */
  runsOf: string | null;
  owners: EntitySummary[];
  system: EntitySummary | null;
  domain: EntitySummary | null;
}) {
  const { entity } = data;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const annotations = entity.metadata.annotations;
  const links = (Array.isArray(entity.metadata.links) ? entity.metadata.links : []).filter(
    (l): l is EntityLink => typeof l?.url === 'string',
  );
  const namespace = entity.metadata.namespace ?? 'default';
  const profile = (spec.profile && typeof spec.profile === 'object' ? spec.profile : {}) as Record<string, unknown>;
  const related = (type: string) => data.relations.find((g) => g.type === type)?.targets ?? [];
  // Read from Argo CD and GitHub as the page streams: a slow one holds only its card.
  const argo = argoInstances().length > 0 ? argoTargetOf(annotations) : null;
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <AboutCard
          facts={{
            kind: entity.kind,
            description: typeof entity.metadata.description === 'string' ? entity.metadata.description : null,
            owners,
            system,
            domain,
            type: typeof spec.type === 'string' ? spec.type : null,
            lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
            tags: (entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string'),
            namespace,
            source: data.source,
            // The docs index row of this entity (rendered docs pages come with the docs capability).
            docsHref: hasTechDocs(annotations) ? `/docs#${encodeURIComponent(data.ref)}` : null,
            profile: { displayName: str(profile.displayName), email: str(profile.email) },
            memberOf: related('memberOf'),
            targets: [str(spec.target), ...(Array.isArray(spec.targets) ? spec.targets.map(str) : [])].filter((t): t is string =>
              Boolean(t),
            ),
          }}
        />
        <LinksCard links={links} tools={annotationLinks(annotations, githubWebOf(entity))} />
      </div>
      {(argo || runsOf) && (
        // Side by side on a wide screen, Argo CD's table taking two thirds.
        <div className={argo && runsOf ? 'grid gap-6 lg:grid-cols-3' : ''}>
          {runsOf && (
            <Suspense fallback={<CardSkeleton title="Recent runs" label="Reading GitHub Actions…" />}>
              <RecentRunsCard entityRef={data.ref} baseHref={runsOf} />
            </Suspense>
          )}
          {argo && (
            <Suspense fallback={<CardSkeleton title="Argo CD" label="Reading Argo CD…" className={runsOf ? 'lg:col-span-2' : ''} />}>
              <ArgoCdCard target={argo} className={runsOf ? 'lg:col-span-2' : ''} />
            </Suspense>
          )}
        </div>
      )}
      <KindSections data={data} baseHref={baseHref} ownedPage={ownedPage} />
      <RelationsCard groups={data.relations} />
    </div>
  );
}
