import 'server-only';
import { createHash } from 'node:crypto';
import { getDb } from '@/lib/db/client';
import type { QueryFn } from '@/lib/db/driver';
import { listScorecards, type StoredScorecard } from './definitions';
import { loadEntityFacts } from './facts';
import type { ScorecardDefinition } from './model/definition';
import type { EntityFacts } from './model/facts';
import { appliesTo, scoreEntity, type EntityScore } from './model/levels';

// Scores entities against every scorecard and stores the results: the whole catalog (a job), or the
// entities a change touched, within the same request or job that made the change.

/** What a result row keeps per rule: the definition has the title and remediation. */
export type StoredRule = { id: string; pass: boolean; seen: string };
type ResultRow = { s: string; e: string; l: string | null; i: number; p: number; r: StoredRule[]; d: string };

const BATCH = 1_000;

/** Kinds any scorecard can apply to (null: some scorecard applies to every kind). */
function kindsOf(cards: { definition: ScorecardDefinition }[]): string[] | null {
  const kinds = cards.map((c) => c.definition.spec.appliesTo.kind);
  return kinds.some((k) => !k) ? null : [...new Set(kinds.flat() as string[])];
}

function score(cards: StoredScorecard[], facts: EntityFacts[], now: Date): ResultRow[] {
  const rows: ResultRow[] = [];
  for (const card of cards) {
    for (const f of facts) {
      if (!appliesTo(card.definition.spec.appliesTo, f)) continue;
      const s = scoreEntity(card.definition, f, now);
      const r = s.rules.map((x) => ({ id: x.id, pass: x.pass, seen: x.seen }));
      const d = createHash('sha1')
        .update(JSON.stringify([s.level, s.levelIndex, s.score, r]))
        .digest('base64url')
        .slice(0, 16);
      rows.push({ s: card.id, e: f.ref, l: s.level, i: s.levelIndex, p: s.score, r, d });
    }
  }
  return rows;
}

/** When a rescore reads its facts, by the database's clock: the "scoredAt" of what it writes. */
async function readTime(): Promise<string> {
  const { driver } = await getDb();
  return (await driver.query<{ t: string }>(`SELECT now()::timestamp(3)::text AS t`)).rows[0]!.t;
}

/**
 * Replaces the stored results in scope (`where`: a condition on "scorecardId"/"entityRef" with its
 * parameter) by `rows`, writing only rows whose digest changed and deleting those no longer scored:
 * a rescore where little changed writes little. A result scored from facts read after `readAt`
 * (when this rescore read its own), e.g. by a rescore of an entity written while a full pass ran,
 * is newer than what this rescore knows: it is neither overwritten nor deleted.
 */
async function replaceResults(
  query: QueryFn,
  where: { sql: string; param: string[] | null },
  rows: ResultRow[],
  readAt: string,
): Promise<number> {
  const { rows: existing } = await query<{ s: string; e: string; d: string }>(
    `SELECT "scorecardId" AS s, "entityRef" AS e, "digest" AS d FROM "ScorecardResult" WHERE ${where.sql}`,
    where.param === null ? [] : [where.param],
  );
  const stored = new Map(existing.map((x) => [`${x.s}\n${x.e}`, x.d]));
  const changed = rows.filter((r) => stored.get(`${r.s}\n${r.e}`) !== r.d);
  for (const r of rows) stored.delete(`${r.s}\n${r.e}`);
  const gone = [...stored.keys()].map((k) => k.split('\n'));
  for (let i = 0; i < gone.length; i += BATCH) {
    await query(
      `DELETE FROM "ScorecardResult" r USING json_to_recordset($1::json) AS x(s text, e text)
        WHERE r."scorecardId" = x.s AND r."entityRef" = x.e AND r."scoredAt" <= $2::timestamp(3)`,
      [JSON.stringify(gone.slice(i, i + BATCH).map(([s, e]) => ({ s, e }))), readAt],
    );
  }
  for (let i = 0; i < changed.length; i += BATCH) {
    await query(
      `INSERT INTO "ScorecardResult" ("scorecardId","entityRef","level","levelIndex","score","rules","digest","scoredAt")
       SELECT x.s, x.e, x.l, x.i, x.p, x.r, x.d, $2::timestamp(3) FROM json_to_recordset($1::json) AS x(s text, e text, l text, i int, p int, r jsonb, d text)
       ON CONFLICT ("scorecardId","entityRef") DO UPDATE SET "level" = EXCLUDED."level", "levelIndex" = EXCLUDED."levelIndex",
         "score" = EXCLUDED."score", "rules" = EXCLUDED."rules", "digest" = EXCLUDED."digest", "scoredAt" = EXCLUDED."scoredAt"
       WHERE "ScorecardResult"."scoredAt" <= EXCLUDED."scoredAt"`,
      [JSON.stringify(changed.slice(i, i + BATCH)), readAt],
    );
  }
  return changed.length + gone.length;
}

/** Rescores every entity on every scorecard (or the given ones); results of removed scorecards and entities go. */
export async function rescoreAll(only?: string[]): Promise<{ entities: number; results: number; written: number }> {
  const cards = (await listScorecards()).filter((c) => !only || only.includes(c.id));
  const { driver } = await getDb();
  const readAt = await readTime();
  const facts = cards.length ? await loadEntityFacts({ kinds: kindsOf(cards) }) : [];
  const rows = score(cards, facts, new Date());
  const where = only ? { sql: `"scorecardId" = ANY($1::text[])`, param: only } : { sql: 'true', param: null };
  const written = await driver.transaction((query) => replaceResults(query, where, rows, readAt));
  return { entities: facts.length, results: rows.length, written };
}

/**
 * Rescores the entities a change touched, and those whose checks read them (entities owned by a
 * changed Group, part of a changed System, providing a changed API). Results of entities that are
 * gone or no longer covered are removed.
 */
export async function rescoreEntities(refs: string[]): Promise<{ entities: number; results: number }> {
  if (refs.length === 0) return { entities: 0, results: 0 };
  const { driver } = await getDb();
  const { rows: dependants } = await driver.query<{ ref: string }>(
    `SELECT "ref" FROM "Entity" WHERE "owner" = ANY($1::text[]) OR "system" = ANY($1::text[])
     UNION SELECT "sourceRef" FROM "Relation" WHERE "type" = 'providesApi' AND "targetRef" = ANY($1::text[])`,
    [refs],
  );
  const all = [...new Set([...refs, ...dependants.map((d) => d.ref)])];
  const cards = await listScorecards();
  const readAt = await readTime();
  const facts = await loadEntityFacts({ refs: all });
  const rows = score(cards, facts, new Date());
  await driver.transaction((query) => replaceResults(query, { sql: `"entityRef" = ANY($1::text[])`, param: all }, rows, readAt));
  return { entities: facts.length, results: rows.length };
}

/** Rescores the entities that come from these repositories (after their facts changed). */
export async function rescoreRepositories(names: string[]): Promise<void> {
  const { driver } = await getDb();
  const lower = names.map((n) => n.toLowerCase());
  // By the project-slug annotation, or by the repository the descriptor was read from.
  const { rows } = await driver.query<{ ref: string }>(
    `SELECT DISTINCT e."ref" FROM "Entity" e JOIN "EntitySearch" s ON s."entityId" = e."id"
      WHERE (s."key" = 'metadata.annotations.github.com/project-slug' AND s."value" = ANY($1::text[]))
         OR (s."key" = 'metadata.annotations.backstage.io/managed-by-location' AND s."value" LIKE ANY($2::text[]))`,
    [lower, lower.flatMap((n) => [`url:%/${n}/blob/%`, `url:%/${n}/tree/%`])],
  );
  await rescoreEntities(rows.map((r) => r.ref));
}

export type PreviewRow = { ref: string; score: EntityScore };

/** How every covered entity would score on a definition, without storing anything (the editor's Preview). */
export async function previewScorecard(def: ScorecardDefinition): Promise<PreviewRow[]> {
  const facts = await loadEntityFacts({ kinds: kindsOf([{ definition: def }]) });
  const now = new Date();
  return facts.filter((f) => appliesTo(def.spec.appliesTo, f)).map((f) => ({ ref: f.ref, score: scoreEntity(def, f, now) }));
}
