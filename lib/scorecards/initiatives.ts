import 'server-only';
import { z } from 'zod';
import { recordAudit } from '@/lib/auth/audit';
import type { Actor } from '@/lib/auth/permissions';
import { groupChain } from '@/lib/auth/resolve';
import { ownerRefOf } from '@/lib/catalog/model';
import { getDb, getPrisma } from '@/lib/db/client';
import { AppError } from '@/lib/errors';
import { getScorecard, listScorecards } from './definitions';
import { appliesToSchema, type AppliesTo } from './model/definition';
import { appliesTo } from './model/levels';
import { groupSubtree, listTeamsOf } from './queries';
import type { StoredRule } from './scoring';
import type { EntityFacts } from './model/facts';

// Initiatives: a goal with a deadline over a scorecard ("every tier-1 service reaches Silver by
// 2027-03-31", or one rule for a filtered set). Progress is read from the stored results; a daily
// snapshot per initiative makes the burn-up.

export const initiativeInputSchema = z
  .object({
    title: z.string().trim().min(3, 'give the initiative a title (at least 3 characters)').max(200),
    description: z.string().trim().max(2000).optional(),
    scorecardId: z.string().min(1, 'choose a scorecard'),
    goal: z.enum(['level', 'rule']),
    targetLevel: z.string().optional(),
    ruleId: z.string().optional(),
    filter: appliesToSchema.default({}),
    // A team's name as typed (`team-a`) is its Group, as spec.owner reads it.
    groupRef: z
      .string()
      .transform(ownerRefOf)
      .pipe(z.string().regex(/^group:[^/]+\/.+$/, 'choose a team'))
      .optional(),
    deadline: z.iso.date({ message: 'the deadline must be a date (YYYY-MM-DD)' }),
  })
  .refine((v) => (v.goal === 'level' ? !!v.targetLevel : !!v.ruleId), {
    message: 'choose the level to reach or the rule to pass',
    path: ['targetLevel'],
  });
export type InitiativeInput = z.infer<typeof initiativeInputSchema>;

export type InitiativeRow = Awaited<ReturnType<typeof listInitiatives>>[number];

export async function listInitiatives() {
  return (await getPrisma()).initiative.findMany({ orderBy: [{ deadline: 'asc' }, { createdAt: 'asc' }] });
}

export async function getInitiative(id: string) {
  if (!z.uuid().safeParse(id).success) return null;
  return (await getPrisma()).initiative.findUnique({ where: { id } });
}

/** Whether the person leads the team or a group above it, by trusted relations (who sets its initiatives). */
export async function leadsTeam(actor: Actor, groupRef: string): Promise<boolean> {
  return (await groupChain([groupRef])).some((g) => actor.leadOf.includes(g));
}

/** Admins set initiatives for the organisation or any team; leads for a team they lead (or one below it). */
export async function createInitiative(input: InitiativeInput, actor: Actor): Promise<{ id: string }> {
  const card = await getScorecard(input.scorecardId);
  if (!card)
    throw new AppError('UNPROCESSABLE', `there is no scorecard "${input.scorecardId}"`, {
      fieldErrors: [{ field: 'scorecardId', message: 'choose a scorecard' }],
    });
  if (input.goal === 'level' && !card.definition.spec.levels.some((l) => l.name === input.targetLevel)) {
    throw new AppError('UNPROCESSABLE', `${card.title} has no level "${input.targetLevel}"`, {
      fieldErrors: [{ field: 'targetLevel', message: `choose one of ${card.definition.spec.levels.map((l) => l.name).join(', ')}` }],
    });
  }
  if (input.goal === 'rule' && !card.definition.spec.levels.some((l) => l.rules.some((r) => r.id === input.ruleId))) {
    throw new AppError('UNPROCESSABLE', `${card.title} has no rule "${input.ruleId}"`, {
      fieldErrors: [{ field: 'ruleId', message: 'choose a rule of the scorecard' }],
    });
  }
  const prisma = await getPrisma();
  // Refs are lower-case in the catalog: a team typed otherwise, or no team at all, would scope nothing.
  const groupRef = input.groupRef?.toLowerCase() ?? null;
  if (groupRef && (await prisma.entity.findUnique({ where: { ref: groupRef }, select: { kind: true } }))?.kind.toLowerCase() !== 'group')
    throw new AppError('UNPROCESSABLE', `${input.groupRef} is not a Group in the catalog; choose a team`, {
      fieldErrors: [{ field: 'groupRef', message: 'choose a team' }],
    });
  if (!actor.roles.includes('admin')) {
    if (!groupRef)
      throw new AppError('FORBIDDEN', 'only admins set organisation-wide initiatives; choose one of the teams you lead', {
        target: 'initiative',
      });
    if (!(await leadsTeam(actor, groupRef)))
      throw new AppError('FORBIDDEN', `only admins and leads of ${groupRef} (or a group above it) set initiatives for it`, {
        target: groupRef,
      });
  }
  const row = await prisma.initiative.create({
    data: {
      title: input.title,
      description: input.description || null,
      scorecardId: card.id,
      targetLevel: input.goal === 'level' ? input.targetLevel! : null,
      ruleId: input.goal === 'rule' ? input.ruleId! : null,
      filter: input.filter,
      groupRef,
      deadline: new Date(`${input.deadline}T23:59:59Z`),
      createdBy: actor.userRef ?? actor.id,
    },
  });
  await recordAudit(actor, {
    action: 'initiative.created',
    target: `initiative:${row.id}`,
    details: { title: row.title, scorecard: card.id, groupRef: row.groupRef },
  });
  await snapshotInitiatives([row.id]);
  return { id: row.id };
}

export type InitiativeItem = {
  ref: string;
  owner: string | null;
  done: boolean;
  failing: { id: string; title: string; remediation: string; seen: string }[];
};
export type InitiativeProgress = {
  goal: string;
  /** Why the goal cannot be measured (the scorecard no longer has its level or rule), else null. */
  problem: string | null;
  total: number;
  done: number;
  items: InitiativeItem[];
  perTeam: { group: string; done: number; total: number }[];
};

type Initiative = {
  id: string;
  scorecardId: string;
  targetLevel: string | null;
  ruleId: string | null;
  filter: unknown;
  groupRef: string | null;
};

/** Who is in scope and who is done; each not-done item lists the rules still to pass with how to fix them. */
export async function getInitiativeProgress(initiative: Initiative): Promise<InitiativeProgress | null> {
  const card = await getScorecard(initiative.scorecardId);
  if (!card) return null;
  const filter: AppliesTo = appliesToSchema.parse(initiative.filter ?? {});
  const { driver } = await getDb();
  const owners = initiative.groupRef ? (await groupSubtree(initiative.groupRef)).map((g) => g.ref) : null;
  const { rows } = await driver.query<
    Pick<EntityFacts, 'ref' | 'kind' | 'specType' | 'lifecycle' | 'tags' | 'owner'> & { levelIndex: number; rules: StoredRule[] | string }
  >(
    `SELECT r."entityRef" AS ref, e."kind", e."specType", e."lifecycle", e."tags", e."owner", r."levelIndex", r."rules"
       FROM "ScorecardResult" r JOIN "Entity" e ON e."ref" = r."entityRef"
      WHERE r."scorecardId" = $1 AND ($2::text[] IS NULL OR e."owner" = ANY($2::text[]))
      ORDER BY e."owner", r."entityRef"`,
    [card.id, owners],
  );
  const levels = card.definition.spec.levels;
  const target = levels.findIndex((l) => l.name === initiative.targetLevel) + 1;
  // An admin may rename or remove the level or rule since: no rule left to pass is not "done".
  const problem = initiative.ruleId
    ? levels.some((l) => l.rules.some((r) => r.id === initiative.ruleId))
      ? null
      : `${card.id} no longer has the rule “${initiative.ruleId}”, so this goal cannot be measured; set a new initiative for the rule to pass`
    : target
      ? null
      : `${card.id} no longer has the level “${initiative.targetLevel}”, so this goal cannot be measured; set a new initiative for the level to reach (${levels.map((l) => l.name).join(', ')})`;
  // Rules to pass: the one rule, or every rule up to and including the target level.
  const needed = levels
    .slice(0, initiative.ruleId ? levels.length : target)
    .flatMap((l) => l.rules)
    .filter((r) => !initiative.ruleId || r.id === initiative.ruleId);
  const items: InitiativeItem[] = [];
  for (const row of rows) {
    if (!appliesTo(filter, { ...row, tags: row.tags ?? [] })) continue;
    const stored = new Map((typeof row.rules === 'string' ? (JSON.parse(row.rules) as StoredRule[]) : row.rules).map((r) => [r.id, r]));
    const failing = needed
      .filter((r) => !stored.get(r.id)?.pass)
      .map((r) => ({ id: r.id, title: r.title, remediation: r.remediation, seen: stored.get(r.id)?.seen ?? '' }));
    items.push({ ref: row.ref, owner: row.owner, done: initiative.ruleId ? failing.length === 0 : row.levelIndex >= target, failing });
  }
  const teams = new Map<string, { done: number; total: number }>();
  for (const item of items) {
    const t = teams.get(item.owner ?? '') ?? { done: 0, total: 0 };
    t.total++;
    if (item.done) t.done++;
    teams.set(item.owner ?? '', t);
  }
  const goal = initiative.ruleId ? `pass “${needed[0]?.title ?? initiative.ruleId}”` : `reach ${initiative.targetLevel}`;
  if (problem) return { goal, problem, total: items.length, done: 0, items: [], perTeam: [] };
  return {
    goal,
    problem: null,
    total: items.length,
    done: items.filter((i) => i.done).length,
    items,
    perTeam: [...teams.entries()]
      .map(([group, t]) => ({ group, ...t }))
      .sort((a, b) => a.done / a.total - b.done / b.total || a.group.localeCompare(b.group)),
  };
}

export async function getInitiativeHistory(id: string) {
  return (await getPrisma()).initiativeSnapshot.findMany({ where: { initiativeId: id }, orderBy: { day: 'asc' } });
}

/** Today's progress of each initiative (all, or the given ones), for the burn-up. */
export async function snapshotInitiatives(ids?: string[]): Promise<void> {
  const prisma = await getPrisma();
  const day = new Date().toISOString().slice(0, 10);
  const list = await prisma.initiative.findMany({ where: ids ? { id: { in: ids } } : {} });
  for (const i of list) {
    const p = await getInitiativeProgress(i);
    // A goal that cannot be measured leaves its burn-up as it was.
    if (!p || p.problem) continue;
    await prisma.initiativeSnapshot.upsert({
      where: { initiativeId_day: { initiativeId: i.id, day } },
      create: { initiativeId: i.id, day, done: p.done, total: p.total },
      update: { done: p.done, total: p.total },
    });
  }
}

export type HomeItem = { initiativeId: string; title: string; deadline: string; ref: string; failing: InitiativeItem['failing'] };

/** What of the person's teams still fails an open initiative, soonest deadline first (the home page). */
export async function listOpenItemsFor(actor: Actor): Promise<HomeItem[]> {
  const mine = new Set<string>();
  for (const g of await listTeamsOf(actor)) for (const s of await groupSubtree(g)) mine.add(s.ref);
  if (mine.size === 0) return [];
  const prisma = await getPrisma();
  const open = await prisma.initiative.findMany({
    where: { deadline: { gte: new Date(Date.now() - 30 * 86_400_000) } },
    orderBy: { deadline: 'asc' },
  });
  const cards = new Set((await listScorecards()).map((c) => c.id));
  const out: HomeItem[] = [];
  for (const i of open.filter((x) => cards.has(x.scorecardId))) {
    const progress = await getInitiativeProgress(i);
    for (const item of progress?.items ?? []) {
      if (!item.done && item.owner && mine.has(item.owner))
        out.push({
          initiativeId: i.id,
          title: i.title,
          deadline: i.deadline.toISOString().slice(0, 10),
          ref: item.ref,
          failing: item.failing,
        });
    }
  }
  return out;
}
