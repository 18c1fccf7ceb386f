import type { Metadata } from 'next';
import Link from 'next/link';
import { InitiativeForm } from '@/components/scorecards/initiative-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import { groupSubtree, leadsTeam, listGroups, listScorecards } from '@/lib/scorecards';
import { createInitiativeAction } from '@/lib/scorecards/actions';

export const metadata: Metadata = { title: 'New initiative' };
export const dynamic = 'force-dynamic';

export default async function NewInitiativePage() {
  const actor = await actorWithPermission('initiatives.create');
  const admin = actor.roles.includes('admin');
  const [cards, groups] = await Promise.all([listScorecards(), listGroups()]);
  // Leads choose among the teams they lead and the teams below them by trusted relations, as the
  // server checks (a Group any member registers under theirs is not offered, then refused).
  const below = admin ? null : new Set((await Promise.all(actor.leadOf.map(groupSubtree))).flat().map((g) => g.ref));
  const candidates = groups.filter((g) => !below || below.has(g.ref));
  const allowed = await Promise.all(candidates.map((g) => admin || leadsTeam(actor, g.ref)));
  const teams = candidates
    .filter((_, i) => allowed[i])
    .map((g) => ({ ref: g.ref, label: g.title ? `${g.title} (${g.ref.slice('group:'.length)})` : g.ref.slice('group:'.length) }));
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/initiatives">Initiatives</Link>}
        title="New initiative"
        description="A shared goal with a deadline. Owners see on their home page what of theirs still needs work and how to fix it."
      />
      {cards.length === 0 ? (
        <EmptyState title="No scorecards yet">
          An initiative is a goal on a scorecard: <Link href="/scorecards">add a scorecard</Link> first.
        </EmptyState>
      ) : (
        <InitiativeForm
          scorecards={cards.map((c) => ({
            id: c.id,
            title: c.title,
            levels: c.definition.spec.levels.map((l) => l.name),
            rules: c.definition.spec.levels.flatMap((l) => l.rules.map((r) => ({ id: r.id, title: r.title, level: l.name }))),
          }))}
          teams={teams}
          allowOrg={admin}
          create={createInitiativeAction}
        />
      )}
    </>
  );
}
