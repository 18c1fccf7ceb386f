import 'server-only';
import type { Actor } from '@/lib/auth/permissions';
import { memberGroupsOf } from '@/lib/auth/resolve';
import { getDb, getPrisma } from '@/lib/db/client';
import { listScorecards, type StoredScorecard } from './definitions';
import { orderForAction, type EntityScore, type RuleResult } from './model/levels';
import type { StoredRule } from './scoring';

// What the pages and the API read: an entity's results, the org's distribution and trend, a team's
// entities by level rolled up through the group hierarchy.

export type EntityScorecard = {
  id: string;
  title: string;
  description: string | null;
  levels: string[];
  level: string | null;
  levelIndex: number;
  nextLevel: string | null;
  score: number;
  scoredAt: string;
  /** Every rule, the next level's failing rules first. */
  rules: RuleResult[];
};

/** Joins a stored result with its definition (titles, remediation, weights). */
export function toEntityScorecard(
  card: StoredScorecard,
  row: { level: string | null; levelIndex: number; score: number; rules: unknown; scoredAt: Date },
): EntityScorecard {
  const stored = new Map((row.rules as StoredRule[]).map((r) => [r.id, r]));
  const rules: RuleResult[] = card.definition.spec.levels.flatMap((l) =>
    l.rules.map((r) => {
      const s = stored.get(r.id);
      return {
        id: r.id,
        title: r.title,
        level: l.name,
        pass: s?.pass ?? false,
        seen: s?.seen ?? 'not scored yet',
        remediation: r.remediation,
        weight: r.weight,
      };
    }),
  );
  const score: EntityScore = { level: row.level, levelIndex: row.levelIndex, score: row.score, rules };
  const levels = card.definition.spec.levels.map((l) => l.name);
  return {
    id: card.id,
    title: card.title,
    description: card.definition.metadata.description ?? null,
    levels,
    level: row.level,
    levelIndex: row.levelIndex,
    nextLevel: levels[row.levelIndex] ?? null,
    score: row.score,
    scoredAt: row.scoredAt.toISOString(),
    rules: orderForAction(score, card.definition),
  };
}

export async function getEntityScorecards(entityRef: string): Promise<EntityScorecard[]> {
  const prisma = await getPrisma();
  const [cards, rows] = await Promise.all([listScorecards(), prisma.scorecardResult.findMany({ where: { entityRef } })]);
  return rows.flatMap((row) => {
    const card = cards.find((c) => c.id === row.scorecardId);
    return card ? [toEntityScorecard(card, row)] : [];
  });
}

export type Distribution = {
  id: string;
  title: string;
  description: string | null;
  source: string;
  levels: string[];
  counts: Record<string, number>;
  total: number;
};
export type TrendPoint = { day: string; counts: Record<string, number>; total: number };

/** Per scorecard: entities at each level now ("" = no level yet). */
export async function getDistributions(): Promise<Distribution[]> {
  const { driver } = await getDb();
  const cards = await listScorecards();
  const { rows } = await driver.query<{ scorecardId: string; level: string | null; n: number }>(
    `SELECT "scorecardId", "level", count(*)::int AS n FROM "ScorecardResult" GROUP BY "scorecardId", "level"`,
  );
  return cards.map((c) => {
    const counts: Record<string, number> = { '': 0, ...Object.fromEntries(c.definition.spec.levels.map((l) => [l.name, 0])) };
    for (const r of rows) if (r.scorecardId === c.id) counts[r.level ?? ''] = (counts[r.level ?? ''] ?? 0) + Number(r.n);
    return {
      id: c.id,
      title: c.title,
      description: c.definition.metadata.description ?? null,
      source: c.source,
      levels: c.definition.spec.levels.map((l) => l.name),
      counts,
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    };
  });
}

export async function getTrend(scorecardId: string, days = 90): Promise<TrendPoint[]> {
  const since = new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
  const rows = await (
    await getPrisma()
  ).scorecardSnapshot.findMany({ where: { scorecardId, day: { gte: since } }, orderBy: { day: 'asc' } });
  return rows.map((r) => ({ day: r.day, counts: r.counts as Record<string, number>, total: r.total }));
}

/** Records today's distribution of every scorecard (one row per scorecard and day, kept). */
export async function snapshotScorecards(): Promise<void> {
  const prisma = await getPrisma();
  const day = new Date().toISOString().slice(0, 10);
  for (const d of await getDistributions()) {
    await prisma.scorecardSnapshot.upsert({
      where: { scorecardId_day: { scorecardId: d.id, day } },
      create: { scorecardId: d.id, day, counts: d.counts, total: d.total },
      update: { counts: d.counts, total: d.total },
    });
  }
}

/** The groups a person leads (first) or is a member of (memberOf on their User entity). */
export async function listTeamsOf(actor: Pick<Actor, 'userRef' | 'leadOf'>): Promise<string[]> {
  if (!actor.userRef) return [...actor.leadOf];
  return [...new Set([...actor.leadOf, ...(await memberGroupsOf(actor.userRef))])];
}

/** A group and every group below it (parentOf), with each one's parent, breadth-first. */
export async function groupSubtree(groupRef: string): Promise<{ ref: string; parent: string | null; depth: number }[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ ref: string; parent: string | null; depth: number }>(
    `WITH RECURSIVE tree("ref", "parent", "depth") AS (
       SELECT $1::text, NULL::text, 0
       UNION
       SELECT r."targetRef", t."ref", t."depth" + 1 FROM "Relation" r JOIN tree t ON r."sourceRef" = t."ref"
        WHERE r."type" = 'parentOf' AND t."depth" < 20)
     SELECT DISTINCT ON ("ref") "ref", "parent", "depth" FROM tree ORDER BY "ref", "depth"`,
    [groupRef],
  );
  return rows.sort((a, b) => a.depth - b.depth || a.ref.localeCompare(b.ref));
}

export type TeamEntity = { ref: string; owner: string; level: string | null; levelIndex: number; score: number; failing: number };
export type TeamGroupRow = { ref: string; parent: string | null; depth: number; counts: Record<string, number>; total: number };

/**
 * A Group's view of one scorecard: the entities its subtree owns, by level, and per group the counts
 * of its own subtree (a parent's row includes its child teams).
 */
export async function getTeamView(
  groupRef: string,
  scorecardId: string,
): Promise<{ groups: TeamGroupRow[]; entities: TeamEntity[] } | null> {
  const { driver } = await getDb();
  const subtree = await groupSubtree(groupRef);
  const refs = subtree.map((g) => g.ref);
  const { rows } = await driver.query<{
    ref: string;
    owner: string;
    level: string | null;
    levelIndex: number;
    score: number;
    failing: number;
  }>(
    `SELECT r."entityRef" AS ref, e."owner", r."level", r."levelIndex", r."score",
            (SELECT count(*)::int FROM jsonb_array_elements(r."rules") x WHERE (x->>'pass')::boolean = false) AS failing
       FROM "ScorecardResult" r JOIN "Entity" e ON e."ref" = r."entityRef"
      WHERE r."scorecardId" = $1 AND e."owner" = ANY($2::text[])
      ORDER BY r."levelIndex", r."entityRef"`,
    [scorecardId, refs],
  );
  const parentOf = new Map(subtree.map((g) => [g.ref, g.parent]));
  const groups = new Map(subtree.map((g) => [g.ref, { ...g, counts: {} as Record<string, number>, total: 0 }]));
  for (const e of rows) {
    // Count the entity for its owner and every group above it, up to the viewed group.
    for (let g: string | null | undefined = e.owner; g; g = parentOf.get(g)) {
      const row = groups.get(g);
      if (!row) break;
      row.counts[e.level ?? ''] = (row.counts[e.level ?? ''] ?? 0) + 1;
      row.total++;
    }
  }
  return { groups: [...groups.values()], entities: rows.map((r) => ({ ...r, failing: Number(r.failing) })) };
}
