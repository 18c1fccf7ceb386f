import { annotationLinks, hasTechDocs } from '@/components/catalog/annotation-links';
import { RelationsCard } from '@/components/catalog/relations-card';
import type { EntityLink } from '@/lib/catalog/model';
import type { EntityPageData, EntitySummary } from '@/lib/catalog/queries/pages';
import { AboutCard } from './about-card';
import { KindSections } from './kind-sections';
import { LinksCard } from './links-card';

export function OverviewTab({ data, owners, system, domain }: { data: EntityPageData; owners: EntitySummary[]; system: EntitySummary | null; domain: EntitySummary | null }) {
  const { entity } = data;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const annotations = entity.metadata.annotations;
  const links = (Array.isArray(entity.metadata.links) ? entity.metadata.links : []).filter((l): l is EntityLink => typeof l?.url === 'string');
  const namespace = entity.metadata.namespace ?? 'default';
  return (
    <div className="space-y-6">
      <div className="grid gap-6 lg:grid-cols-3">
        <AboutCard
          facts={{
            description: typeof entity.metadata.description === 'string' ? entity.metadata.description : null,
            owners,
            system,
            domain,
            type: typeof spec.type === 'string' ? spec.type : null,
            lifecycle: typeof spec.lifecycle === 'string' ? spec.lifecycle : null,
            tags: (entity.metadata.tags ?? []).filter((t): t is string => typeof t === 'string'),
            namespace,
            source: data.source,
            software: !['group', 'user'].includes(entity.kind.toLowerCase()),
            // The docs index row of this entity (rendered docs pages come with the docs capability).
            docsHref: hasTechDocs(annotations) ? `/docs#${encodeURIComponent(data.ref)}` : null,
          }}
        />
        <LinksCard links={links} tools={annotationLinks(annotations)} />
      </div>
      <KindSections data={data} />
      <RelationsCard groups={data.relations} />
    </div>
  );
}
