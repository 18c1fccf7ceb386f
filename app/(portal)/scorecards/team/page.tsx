import type { Metadata } from 'next';
import Link from 'next/link';
import { connection } from 'next/server';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { DistributionBar } from '@/components/scorecards/distribution-bar';
import { LevelBadge } from '@/components/scorecards/level-badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { PageHeader } from '@/components/ui/page-header';
import { pageActor } from '@/lib/auth/authorize';
import type { Actor } from '@/lib/auth/permissions';
import { entityHref } from '@/lib/catalog/entity-href';
import { getEntityByRef } from '@/lib/catalog/queries/served-entities';
import { getTeamView, listScorecards, listTeamsOf } from '@/lib/scorecards';
import { groupExists } from '@/lib/catalog/queries/choices';
import { summarizeRefs } from '@/lib/catalog/queries/pages';
import { ownerRefOf } from '@/lib/catalog/model/refs';
import { TeamPicker } from '../_components/team-picker';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';

export const metadata: Metadata = { title: 'Team scorecards' };

const querySchema = z.object({ group: z.string().regex(/^group:[^/]+\/.+$/), scorecard: z.string().max(63).optional() });

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * A Group's entities by level on one scorecard, counted through the group hierarchy (a parent
 * includes its teams). Without a group (the address typed, a bookmark): a page to pick one on.
 */
export default async function TeamScorecardsPage({ searchParams }: Props) {
  await connection();
  const actor = await pageActor();
  const raw = await searchParams;
  if (!raw.group) return <ChooseTeam actor={actor} />;
  // A team's name as typed (`team-a`) is its Group, as spec.owner reads it.
  const parsed = querySchema.safeParse({ group: ownerRefOf(String(raw.group)), scorecard: raw.scorecard });
  if (!parsed.success) notFound();
  const groupRef = parsed.data.group.toLowerCase();
  const entity = await getEntityByRef(groupRef);
  if (entity?.kind !== 'Group') notFound();
  const group = { title: entity.metadata.title ?? null, name: entity.metadata.name };
  const cards = await listScorecards();
  const card = cards.find((c) => c.id === parsed.data.scorecard) ?? cards[0];
  const view = card ? await getTeamView(groupRef, card.id) : null;
  const levels = card?.definition.spec.levels.map((l) => l.name) ?? [];
  const title = group.title ?? group.name;
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/scorecards">Scorecards</Link>}
        title={`${title}: scorecards`}
        description="What this team and the teams below it own, by level. Each entity links to its Scorecards tab, which says what to do next."
      />
      <nav aria-label="Scorecard" className="mb-6 flex flex-wrap gap-2">
        {cards.map((c) => (
          <Link
            key={c.id}
            href={`/scorecards/team?group=${encodeURIComponent(groupRef)}&scorecard=${c.id}`}
            aria-current={c.id === card?.id ? 'page' : undefined}
            className={`rounded-full border px-3 py-1 text-sm hover:no-underline ${c.id === card?.id ? 'border-brand-600 bg-brand-600 text-white' : 'border-slate-300 text-slate-700 dark:border-slate-700 dark:text-slate-200'}`}
          >
            {c.title}
          </Link>
        ))}
      </nav>
      {!view || view.entities.length === 0 ? (
        <EmptyState title="Nothing of this team is scored on this scorecard">
          Entities owned by {title} (or a team below it) that the scorecard applies to appear here.
        </EmptyState>
      ) : (
        <div className="space-y-6">
          <Card title="By team (rolled up through the hierarchy)">
            <Table bare>
              <TableHead>
                <tr>
                  <TableHeader>Team</TableHeader>
                  <TableHeader>Levels</TableHeader>
                </tr>
              </TableHead>
              <TableBody>
                {view.groups
                  .filter((g) => g.total > 0)
                  .map((g) => (
                    <TableRow key={g.ref} className="align-top">
                      <TableHeader scope="row" className="font-normal" style={{ paddingLeft: `${0.75 + g.depth * 1.25}rem` }}>
                        <Link href={`/scorecards/team?group=${encodeURIComponent(g.ref)}&scorecard=${card!.id}`}>
                          {g.ref.replace(/^group:default\//, '')}
                        </Link>
                        <span className="block text-xs text-slate-500 dark:text-slate-400">
                          {g.total} {g.total === 1 ? 'entity' : 'entities'}
                        </span>
                      </TableHeader>
                      <TableCell className="min-w-40 sm:min-w-64">
                        <DistributionBar levels={levels} counts={g.counts} total={g.total} />
                      </TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </Table>
          </Card>
          <Card title="Entities, lowest level first">
            <ul className="divide-y divide-slate-100 dark:divide-slate-800">
              {view.entities.map((e) => (
                <li key={e.ref} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <span className="min-w-0">
                    <Link href={`${entityHref(e.ref)}?tab=scorecards`}>{e.ref.replace(/^[^:]+:default\//, '')}</Link>{' '}
                    <span className="text-xs text-slate-500 dark:text-slate-400">{e.owner.replace(/^group:default\//, '')}</span>
                  </span>
                  <span className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                    {e.failing > 0 && <span>{e.failing} to do</span>}
                    <LevelBadge level={e.level} index={e.levelIndex} of={levels.length} />
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        </div>
      )}
    </>
  );
}

async function ChooseTeam({ actor }: { actor: Actor }) {
  const [anyGroup, ownTeams] = await Promise.all([groupExists(), listTeamsOf(actor)]);
  const mine = [...(await summarizeRefs(ownTeams)).values()].filter((g) => g.exists);
  return (
    <>
      <PageHeader
        eyebrow={<Link href="/scorecards">Scorecards</Link>}
        title="Team scorecards"
        description="Pick a team to see what it and the teams below it own, by level on each scorecard."
      />
      {!anyGroup ? (
        <EmptyState title="No teams in the catalog yet">
          Teams are the catalog’s Group entities: <Link href="/catalog-import">register</Link> a catalog-info.yaml that defines them.
        </EmptyState>
      ) : (
        <>
          {mine.length > 0 && (
            <nav aria-labelledby="your-teams" className="mb-6">
              <h2 id="your-teams" className="mb-2 text-sm font-semibold">
                Your teams
              </h2>
              <ul className="flex flex-wrap gap-2">
                {mine.map((g) => (
                  <li key={g.ref}>
                    <Link
                      href={`/scorecards/team?group=${encodeURIComponent(g.ref)}`}
                      className="inline-block rounded-full border border-slate-300 px-3 py-1 text-sm text-slate-700 hover:no-underline dark:border-slate-700 dark:text-slate-200"
                    >
                      {g.title ?? g.ref.slice('group:'.length)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <TeamPicker ownTeam={mine[0]?.ref} />
        </>
      )}
    </>
  );
}
