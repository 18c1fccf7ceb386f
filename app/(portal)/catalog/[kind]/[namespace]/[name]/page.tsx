import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { connection } from 'next/server';
import { entityHref } from '@/lib/catalog/entity-href';
import { RelationTables } from '@/components/catalog/relation-tables';
import { TabSkeleton } from '@/components/ui/skeleton';
import { SegmentedLinks } from '@/components/ui/tabs';
import { stringifyEntityRef } from '@/lib/catalog/model/refs';
import { getEntityDocsProblems, TECHDOCS_REF } from '@/lib/docs';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import { getEntityPageData } from '@/lib/catalog/queries/pages';
import { DefinitionTab, REFERENCE_TYPES } from './_components/definition-tab';
import { EntityActions, type EntityActionsModel } from './_components/entity-actions';
import { EntityHeader } from './_components/entity-header';
import { EntityTabs, type EntityTab } from './_components/entity-tabs';
import { GraphTab, parseDepth } from './_components/graph-tab';
import { OverviewTab } from './_components/overview-tab';
import { docsProblemCount, ProblemsList, ProcessingErrorsBanner } from './_components/processing-errors';
import { YamlTab } from './_components/yaml-tab';
import { decodeSegment, entityTabsOf, headerFields, tabCounts } from './_components/entity-route';
import { CiTab } from './_components/ci-tab';
import { PullsTab } from './_components/pulls-tab';
import { parsePullsQuery } from '@/components/catalog/pull-requests';
import { parseCiQuery } from '@/components/catalog/workflow-runs';
import { MAX_RUN_PAGES } from '@/lib/github/workflow-runs';
import { RefreshButton } from '@/components/catalog-actions/refresh-button';
import { StarButton } from '@/components/catalog-actions/star-button';
import { isStarred } from '@/lib/catalog/queries/starred';
import { personIdOf } from '@/lib/auth/users';
import { RecordVisit } from '@/components/home/record-visit';
import { whyNot, whyNotNow } from '@/lib/auth/abilities';
import { UnregisterLocationButton } from '@/components/catalog-actions/unregister-location-button';
import { getOriginLocation } from '@/lib/catalog/queries/location-list';
import { isEditableCopy } from '@/lib/catalog/ingest/editable-copy';
import {
  descriptorUrlOf,
  editTargetOf,
  getEditFormState,
  getOpenPendingChange,
  listEntityHistory,
  offersOwnershipEdit,
} from '@/lib/catalog/edit/queries';
import { EditOwnershipForm } from './_components/edit-ownership-form';
import { HistoryTab } from './_components/history-tab';
import { PendingChangeBanner } from './_components/pending-change-banner';
import { ScorecardsTab } from './_components/scorecards-tab';
import { getEntityScorecards } from '@/lib/scorecards';
import { pageActor } from '@/lib/auth/authorize';

/** Kinds with an owner, system and lifecycle: what "Edit ownership" changes. */

/** Pages of pull requests a URL may ask for (20 a page). */
const MAX_PULL_PAGES = 500;

type RouteParams = { kind: string; namespace: string; name: string };
type Props = { params: Promise<RouteParams>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const decode = decodeSegment;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { kind, name } = await params;
  return { title: `${decode(name)} · ${decode(kind)}` };
}

export default async function EntityPage({ params, searchParams }: Props) {
  await connection();
  const actor = await pageActor();
  const route = await params;
  const ref = stringifyEntityRef({ kind: decode(route.kind), namespace: decode(route.namespace), name: decode(route.name) });
  const [data, query] = await Promise.all([getEntityPageData(ref), searchParams]);
  if (!data) notFound();

  const { entity } = data;
  const spec = (entity.spec ?? {}) as Record<string, unknown>;
  const hasDocs = typeof entity.metadata.annotations?.[TECHDOCS_REF] === 'string';
  const tabs = entityTabsOf(entity);
  const requested = Array.isArray(query.tab) ? query.tab[0] : query.tab;
  const tab: EntityTab = tabs.includes(requested as EntityTab) && requested !== 'docs' ? (requested as EntityTab) : 'overview';
  const baseHref = entityHref({ kind: entity.kind, namespace: entity.metadata.namespace, name: entity.metadata.name });

  const related = (type: string) => data.relations.find((g) => g.type === type)?.targets ?? [];
  const owners = related('ownedBy');
  const partOf = related('partOf');
  const system: EntitySummary | null = partOf.find((p) => p.kind.toLowerCase() === 'system') ?? null;
  const domain: EntitySummary | null = partOf.find((p) => p.kind.toLowerCase() === 'domain') ?? null;

  const annotations = entity.metadata.annotations ?? {};
  const target = editTargetOf(data.source.location ? 'location' : null, annotations['backstage.io/managed-by-location']);
  const location = data.source.location;
  const [denied, pending, history, docsProblems, starred, origin] = await Promise.all([
    whyNotNow('catalog.entity.update', data.ref),
    getOpenPendingChange(data.ref),
    tab === 'history' ? listEntityHistory(data.ref) : Promise.resolve([]),
    hasDocs ? getEntityDocsProblems(data.ref) : Promise.resolve(null),
    isStarred(actor, data.ref),
    // Unregistering (Backstage's "Unregister entity"): offered to those who may remove locations, for
    // an entity whose location was registered (a configured one would come back on the next refresh).
    location ? whyNot(actor, 'catalog.location.delete').then((why) => (why ? null : getOriginLocation(location.id))) : null,
  ]);
  const scorecards = tab === 'scorecards' ? await getEntityScorecards(data.ref) : [];
  const offerOwnership = offersOwnershipEdit(entity.kind, target);
  const editState = offerOwnership && !denied && !pending ? await getEditFormState(data.ref) : null;
  const actions: EntityActionsModel = {
    editHref: target === 'portal' ? `${baseHref}/edit` : null,
    ownership: !offerOwnership
      ? null
      : {
          form: editState && (
            <EditOwnershipForm
              entityRef={editState.entityRef}
              values={editState.values}
              target={editState.target as 'pull-request' | 'file'}
              source={target === 'file' ? (data.source.file ?? null) : descriptorUrlOf(annotations['backstage.io/managed-by-location'])}
              initiallyOpen={query.edit === 'ownership'}
              editableCopy={target === 'file' && isEditableCopy(annotations['backstage.io/managed-by-location'].slice('file:'.length))}
            />
          ),
        },
    sourceUrl:
      annotations['backstage.io/view-url'] && /^https?:\/\//.test(annotations['backstage.io/view-url'])
        ? annotations['backstage.io/view-url']
        : descriptorUrlOf(annotations['backstage.io/managed-by-location']),
    denied,
    pendingReason: pending ? `A change is already waiting in pull request #${pending.prNumber}; merge or close it first.` : null,
  };

  const personId = personIdOf(actor);
  return (
    <>
      {personId && (
        <RecordVisit
          personId={personId}
          page={{ path: baseHref, title: entity.metadata.title ?? entity.metadata.name, kind: entity.kind }}
        />
      )}
      <EntityHeader
        {...headerFields(entity)}
        owners={owners}
        system={system}
        actions={
          <EntityActions
            model={actions}
            dangerSlot={
              origin?.origin === 'api' && (
                <UnregisterLocationButton locationId={origin.id} entityCount={origin.entityCount} target={origin.display} />
              )
            }
            refreshSlot={
              <>
                {personId && <StarButton entityRef={data.ref} starred={starred} />}
                <RefreshButton entityRef={data.ref} />
              </>
            }
          />
        }
      />
      <EntityTabs baseHref={baseHref} tabs={tabs} active={tab} counts={tabCounts(data, docsProblemCount(docsProblems))} />
      {pending && <PendingChangeBanner pending={pending} />}
      {tab !== 'problems' && <ProcessingErrorsBanner errors={data.errors} problemsHref={`${baseHref}?tab=problems`} />}
      {/* After notFound(): the 404 is decided before the tab's slower reads (graph layout,
          highlighting) stream in behind a skeleton. */}
      <Suspense key={tab} fallback={<TabSkeleton />}>
        {tab === 'overview' && (
          <OverviewTab
            data={data}
            owners={owners}
            system={system}
            domain={domain}
            runsOf={tabs.includes('ci') ? baseHref : null}
            baseHref={baseHref}
            ownedPage={Array.isArray(query.owned) ? query.owned[0] : query.owned}
          />
        )}
        {tab === 'relations' && <RelationTables groups={data.relations} />}
        {tab === 'ci' && <CiTab entityRef={data.ref} baseHref={baseHref} query={parseCiQuery(query, MAX_RUN_PAGES)} />}
        {tab === 'pulls' && <PullsTab entityRef={data.ref} baseHref={baseHref} query={parsePullsQuery(query, MAX_PULL_PAGES)} />}
        {tab === 'graph' && <GraphTab entityRef={data.ref} baseHref={baseHref} depth={parseDepth(query.depth)} />}
        {tab === 'definition' && (
          <div className="space-y-4">
            {REFERENCE_TYPES.includes(String(spec.type).toLowerCase()) && (
              <DefinitionViewToggle baseHref={baseHref} view={query.view === 'source' ? 'source' : 'reference'} />
            )}
            <DefinitionTab
              type={String(spec.type ?? '')}
              definition={spec.definition}
              view={query.view === 'source' ? 'source' : 'reference'}
            />
          </div>
        )}
        {tab === 'yaml' && (
          <YamlTab
            rawYaml={data.rawYaml}
            entity={entity}
            fileName={entity.metadata.name}
            apiHref={`/api/catalog/entities/by-name/${baseHref.slice('/catalog/'.length)}`}
            downloadHref={`${baseHref}/export`}
          />
        )}
        {tab === 'scorecards' && <ScorecardsTab cards={scorecards} />}
        {tab === 'history' && <HistoryTab entries={history} />}
        {tab === 'problems' && <ProblemsList errors={data.errors} docs={docsProblems} docsHref={`${baseHref}/docs`} />}
      </Suspense>
    </>
  );
}

function DefinitionViewToggle({ baseHref, view }: { baseHref: string; view: 'reference' | 'source' }) {
  const items = (['reference', 'source'] as const).map((v) => ({
    key: v,
    label: v === 'reference' ? 'Reference' : 'Source',
    href: v === 'reference' ? `${baseHref}?tab=definition` : `${baseHref}?tab=definition&view=source`,
    current: v === view,
  }));
  return <SegmentedLinks label="Definition view" items={items} />;
}
