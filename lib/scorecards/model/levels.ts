import { evaluateCheck } from './checks';
import type { AppliesTo, ScorecardDefinition } from './definition';
import type { EntityFacts } from './facts';

// Levels are cumulative: an entity reaches a level when every rule of that level and of every level
// below it passes (Bronze → Silver → Gold). The score is the weighted share of passing rules.

export type RuleResult = { id: string; title: string; level: string; pass: boolean; seen: string; remediation: string; weight: number };
export type EntityScore = { level: string | null; levelIndex: number; score: number; rules: RuleResult[] };

type Filterable = Pick<EntityFacts, 'kind' | 'specType' | 'lifecycle' | 'tags' | 'owner'>;

const norm = (s: string | null | undefined) => (s ?? '').toLowerCase();

/** Whether an entity is covered by a filter (every given field matches one of its values; tags: any). */
export function appliesTo(filter: AppliesTo, e: Filterable): boolean {
  const one = (values: string[] | undefined, actual: string | null) => !values || values.some((v) => norm(v) === norm(actual));
  if (!one(filter.kind, e.kind) || !one(filter.type, e.specType) || !one(filter.lifecycle, e.lifecycle)) return false;
  if (filter.tags && !filter.tags.some((t) => e.tags.some((x) => norm(x) === norm(t)))) return false;
  // Owner values may be a full ref or a group name (group:default/ implied).
  if (filter.owner && !filter.owner.some((o) => norm(o.includes(':') ? o : `group:default/${o}`) === norm(e.owner))) return false;
  return true;
}

export function scoreEntity(def: ScorecardDefinition, facts: EntityFacts, now: Date): EntityScore {
  const rules: RuleResult[] = [];
  let levelIndex = 0;
  let blocked = false;
  def.spec.levels.forEach((level, i) => {
    let allPass = true;
    for (const rule of level.rules) {
      const outcome = evaluateCheck(rule.check, facts, now);
      if (!outcome.pass) allPass = false;
      rules.push({
        id: rule.id,
        title: rule.title,
        level: level.name,
        pass: outcome.pass,
        seen: outcome.seen,
        remediation: rule.remediation,
        weight: rule.weight,
      });
    }
    if (allPass && !blocked) levelIndex = i + 1;
    else blocked = true;
  });
  const total = rules.reduce((n, r) => n + r.weight, 0);
  const passed = rules.reduce((n, r) => n + (r.pass ? r.weight : 0), 0);
  return {
    level: levelIndex ? def.spec.levels[levelIndex - 1].name : null,
    levelIndex,
    score: total ? Math.round((passed / total) * 100) : 100,
    rules,
  };
}

/**
 * The rules to show first: the failing rules of the next level to reach, then the other failing
 * rules, then the passing ones (each group in definition order).
 */
export function orderForAction(score: EntityScore, def: ScorecardDefinition): RuleResult[] {
  const next = def.spec.levels[score.levelIndex]?.name;
  const rank = (r: RuleResult) => (!r.pass && r.level === next ? 0 : !r.pass ? 1 : 2);
  return score.rules
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank(a.r) - rank(b.r) || a.i - b.i)
    .map(({ r }) => r);
}
