import type { Metadata } from 'next';
import Link from 'next/link';
import { InitiativeForm } from '@/components/scorecards/initiative-form';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { actorWithPermission } from '@/lib/auth/authorize';
import type { Actor } from '@/lib/auth/permissions';
import { groupSubtree, leadsTeam, listScorecards } from '@/lib/scorecards';
import { summarizeRefs } from '@/lib/catalog';
import { createInitiativeAction } from '@/lib/scorecards/actions';

export const metadata: Metadata = { title: 'New initiative' };
export const dynamic = 'force-dynamic';

export default async function NewInitiativePage() {
  const actor = await actorWithPermission('initiatives.create');
  const admin = actor.roles.includes('admin');
  const cards = await listScorecards();
  // Admins find any team as they type. Leads choose among the teams they lead and the teams below
  // them by trusted relations, as the server checks (a Group any member registers under theirs is
  // not offered, then refused).
  const teams = admin ? null : await leadTeams(actor);
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
          create={createInitiativeAction}
        />
      )}
    </>
  );
}

async function leadTeams(actor: Actor): Promise<{ ref: string; label: string }[]> {
  const below = [...new Set((await Promise.all(actor.leadOf.map(groupSubtree))).flat().map((g) => g.ref))].sort();
  const [groups, allowed] = await Promise.all([summarizeRefs(below), Promise.all(below.map((ref) => leadsTeam(actor, ref)))]);
  return below
    .map((ref) => groups.get(ref)!)
    .filter((g, i) => g.exists && g.kind.toLowerCase() === 'group' && allowed[i])
    .map((g) => ({ ref: g.ref, label: g.title ? `${g.title} (${g.ref.slice('group:'.length)})` : g.ref.slice('group:'.length) }));
}
