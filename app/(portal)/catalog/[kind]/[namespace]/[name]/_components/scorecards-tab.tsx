import Link from 'next/link';
import { LevelBadge } from '@/components/scorecards/level-badge';
import { MiniMarkdown } from '@/components/ui/mini-markdown';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import type { EntityScorecard } from '@/lib/scorecards';

/** Every scorecard of the entity: the level reached, what the next level still needs first, and how to fix each rule. */
export function ScorecardsTab({ cards }: { cards: EntityScorecard[] }) {
  if (!cards.length) {
    return (
      <EmptyState title="No scorecard covers this entity">
        Scorecards say which entities they apply to (kind, type, lifecycle, tags, owner). See <Link href="/scorecards">Scorecards</Link>.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-6">
      {cards.map((card) => {
        const failing = card.rules.filter((r) => !r.pass);
        const nextMissing = failing.filter((r) => r.level === card.nextLevel);
        return (
          <Card
            key={card.id}
            title={card.title}
            actions={
              <span className="flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                <LevelBadge level={card.level} index={card.levelIndex} of={card.levels.length} />
                <span className="tabular-nums">{card.score}%</span>
              </span>
            }
          >
            <p className="mb-3 text-sm text-slate-600 dark:text-slate-300" data-testid={`level-${card.id}`}>
              {card.level ? (
                <>
                  Reached <strong>{card.level}</strong>.
                </>
              ) : (
                <>No level reached yet.</>
              )}{' '}
              {card.nextLevel ? (
                <>
                  {nextMissing.length} rule{nextMissing.length === 1 ? '' : 's'} to go for <strong>{card.nextLevel}</strong>
                  {nextMissing.length ? ' — listed first, each with how to fix it.' : '.'}
                </>
              ) : (
                <>Every level is reached.</>
              )}
            </p>
            <ol className="divide-y divide-slate-100 dark:divide-slate-800">
              {card.rules.map((rule) => (
                <li key={rule.id} id={`rule-${card.id}-${rule.id}`} className="py-3" data-testid={`rule-${rule.id}`}>
                  <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
                    <span
                      className={`text-sm font-semibold ${rule.pass ? 'text-emerald-700 dark:text-emerald-300' : 'text-amber-700 dark:text-amber-300'}`}
                    >
                      {rule.pass ? '✓ Passes' : '○ To do'}
                    </span>
                    <span className="text-sm font-medium text-slate-900 dark:text-white">{rule.title}</span>
                    <span className="text-xs text-slate-500 dark:text-slate-400">
                      {rule.level}
                      {rule.weight > 1 ? ` · weight ${rule.weight}` : ''}
                    </span>
                  </div>
                  <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">
                    <span className="sr-only">Seen: </span>
                    <MiniMarkdown text={rule.seen} />
                  </p>
                  {!rule.pass && (
                    <div className="mt-2 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-700 dark:bg-slate-800/60">
                      <span className="font-medium">How to fix: </span>
                      <MiniMarkdown text={rule.remediation} />
                    </div>
                  )}
                </li>
              ))}
            </ol>
            <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
              Scored {card.scoredAt.replace('T', ' ').slice(0, 16)} UTC; scores update within seconds of a change.
            </p>
          </Card>
        );
      })}
    </div>
  );
}
