import { EntityRefLink } from '@/components/catalog/entity-ref-link';
import { EntitySummaryTable } from '@/components/catalog/entity-summary-table';
import { Card } from '@/components/ui/card';
import { tryParseEntityRef } from '@/lib/catalog/model/refs';
import { LeadForm, RemoveLeadButton } from '@/components/auth/lead-forms';
import { currentActor } from '@/lib/auth/authorize';
import { can } from '@/lib/auth/permissions';
import { listGroupLeads } from '@/lib/auth/users';
import type { EntitySummary } from '@/lib/catalog/model/entity-summary';
import { getGroupOwnership, getUserOwnership, summarizeRefs, type EntityPageData, type OwnedPage } from '@/lib/catalog/queries/pages';
import { Pager, PREVIOUS_NEXT } from '@/components/ui/pager';
import { listHref } from '@/lib/http/paging';

// Overview sections that depend on the kind: a team's members and everything it owns, a user's
// teams, a system's parts, a domain's systems.

const targets = (data: EntityPageData, type: string): EntitySummary[] => data.relations.find((g) => g.type === type)?.targets ?? [];

function RefList({ items, empty }: { items: EntitySummary[]; empty: string }) {
  if (items.length === 0) return <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>;
  return (
    <ul className="grid gap-x-4 gap-y-1.5 text-sm sm:grid-cols-2">
      {items.map((t) => (
        <li key={t.ref} className="min-w-0 truncate">
          <EntityRefLink target={t} />
        </li>
      ))}
    </ul>
  );
}

/** A card title's count, after a space (so that the card's name reads "Members 4", not "Members4"). */
function Count({ n }: { n: number }) {
  return (
    <>
      {' '}
      <span className="font-normal text-slate-500 dark:text-slate-400">{n.toLocaleString('en-US')}</span>
    </>
  );
}

/** Where a kind's sections are shown, and which page of the owned entities is asked for (`?owned=`). */
type SectionsProps = { data: EntityPageData; baseHref: string; ownedPage?: string };

function OwnedCard({ owned, baseHref, selfRef, title }: { owned: OwnedPage; baseHref: string; selfRef: string; title: string }) {
  return (
    <Card
      id="owned"
      // Below the sticky top bar when a page link brings it into view.
      className="scroll-mt-16"
      title={
        <>
          {title}
          <Count n={owned.total} />
        </>
      }
    >
      {owned.total === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">Nothing in the catalog is owned here yet.</p>
      ) : (
        <>
          <EntitySummaryTable
            rows={owned.owned}
            viaLabel="Owned through"
            viaOf={(r) => {
              if (r.via === selfRef) return <span className="text-slate-500 dark:text-slate-400">directly</span>;
              const via = tryParseEntityRef(r.via!);
              return via ? <EntityRefLink target={{ ...via, exists: true }} /> : r.via;
            }}
          />
          <Pager
            label="Owned entity pages"
            page={owned.page}
            pages={owned.pages}
            hrefOf={(n) => `${listHref(baseHref, { owned: n })}#owned`}
            labels={PREVIOUS_NEXT}
          />
        </>
      )}
    </Card>
  );
}

/** Who leads the group (edits what it owns); admins appoint and remove portal leads here. */
async function LeadsCard({ groupRef }: { groupRef: string }) {
  const [leads, actor] = await Promise.all([listGroupLeads(groupRef), currentActor()]);
  const manage = can(actor, 'auth.lead.manage');
  const people = await summarizeRefs(leads.map((l) => l.userRef));
  return (
    <Card
      title={
        <>
          Leads
          <Count n={leads.length} />
        </>
      }
    >
      {leads.length === 0 ? (
        <p className="text-sm text-slate-500 dark:text-slate-400">No leads: only admins change what this group owns.</p>
      ) : (
        <ul className="space-y-1.5 text-sm">
          {leads.map((l) => (
            <li key={`${l.userRef}-${l.source}`} className="flex items-center justify-between gap-2">
              <span className="min-w-0 truncate">
                <EntityRefLink target={people.get(l.userRef)!} />{' '}
                <span className="text-xs text-slate-500 dark:text-slate-400">
                  {l.source === 'github' ? 'GitHub team maintainer' : 'appointed in the portal'}
                </span>
              </span>
              {manage && l.source === 'portal' && <RemoveLeadButton groupRef={groupRef} userRef={l.userRef} />}
            </li>
          ))}
        </ul>
      )}
      {manage && (
        <div className="mt-4 border-t border-slate-100 pt-4 dark:border-slate-800">
          <LeadForm groupRef={groupRef} />
        </div>
      )}
    </Card>
  );
}

async function GroupSections({ data, baseHref, ownedPage }: SectionsProps) {
  const owned = await getGroupOwnership(data.ref, ownedPage);
  const parent = targets(data, 'childOf');
  const children = targets(data, 'parentOf');
  const members = targets(data, 'hasMember');
  return (
    <>
      <div className="grid gap-6 lg:grid-cols-3">
        <Card
          title={
            <>
              Members
              <Count n={members.length} />
            </>
          }
          className="lg:col-span-2"
        >
          <RefList items={members} empty="This group has no members." />
        </Card>
        <Card title="Hierarchy">
          <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Parent</h3>
          <RefList items={parent} empty="Top-level group." />
          <h3 className="mt-4 mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">Child groups</h3>
          <RefList items={children} empty="No child groups." />
        </Card>
      </div>
      <LeadsCard groupRef={data.ref} />
      <OwnedCard owned={owned} baseHref={baseHref} selfRef={data.ref} title="Owned, including by child groups" />
    </>
  );
}

async function UserSections({ data, baseHref, ownedPage }: SectionsProps) {
  const groups = targets(data, 'memberOf');
  const owned = await getUserOwnership(
    data.ref,
    groups.map((g) => g.ref),
    ownedPage,
  );
  // The user's groups are in the About card.
  return <OwnedCard owned={owned} baseHref={baseHref} selfRef={data.ref} title="Owned by this user or their groups" />;
}

function PartsCard({ title, items, empty }: { title: string; items: EntitySummary[]; empty: string }) {
  return (
    <Card
      title={
        <>
          {title}
          <Count n={items.length} />
        </>
      }
    >
      {items.length ? <EntitySummaryTable rows={items} /> : <p className="text-sm text-slate-500 dark:text-slate-400">{empty}</p>}
    </Card>
  );
}

function SystemSections({ data }: { data: EntityPageData }) {
  const parts = targets(data, 'hasPart');
  const of = (kind: string) => parts.filter((p) => p.kind.toLowerCase() === kind);
  return (
    <>
      <PartsCard title="Components" items={of('component')} empty="No components are part of this system." />
      <PartsCard title="APIs" items={of('api')} empty="No APIs are part of this system." />
      <PartsCard title="Resources" items={of('resource')} empty="No resources are part of this system." />
    </>
  );
}

function DomainSections({ data }: { data: EntityPageData }) {
  const parts = targets(data, 'hasPart');
  const subdomains = parts.filter((p) => p.kind.toLowerCase() === 'domain');
  return (
    <>
      <PartsCard
        title="Systems"
        items={parts.filter((p) => p.kind.toLowerCase() === 'system')}
        empty="No systems are part of this domain."
      />
      {subdomains.length > 0 && <PartsCard title="Subdomains" items={subdomains} empty="" />}
    </>
  );
}

export function KindSections(props: SectionsProps) {
  const { data } = props;
  switch (data.entity.kind.toLowerCase()) {
    case 'group':
      return <GroupSections {...props} />;
    case 'user':
      return <UserSections {...props} />;
    case 'system':
      return <SystemSections data={data} />;
    case 'domain':
      return <DomainSections data={data} />;
    default:
      return null;
  }
}
