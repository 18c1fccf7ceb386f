import 'server-only';
import { getDb } from '@/lib/db/client';
import { DOCS_FRESH_DAYS, WEEKS_SHOWN, type Metric } from '../model/metric';
import { percent } from '../model/stats';
import { addDays, dayKey, lastWeeks } from '../model/weeks';
import type { TeamScope } from './scope';

// Docs freshness from the docs tables: when the sources of each documented entity last changed
// (the built site's source date, or a push that touched the docs since).

const TECHDOCS_KEY = 'metadata.annotations.backstage.io/techdocs-ref';

export type DocumentedDocs = { ref: string; owner: string | null; changedAt: Date | null };

export async function listDocumented(): Promise<DocumentedDocs[]> {
  const { driver } = await getDb();
  const { rows } = await driver.query<{ ref: string; owner: string | null; changedAt: string | Date | null }>(
    `SELECT e.ref, e.owner, GREATEST(d."sourceChangedAt", s."changedAt") AS "changedAt"
       FROM "Entity" e
       JOIN "EntitySearch" x ON x."entityId" = e.id AND x.key = $1
       LEFT JOIN "DocsSite" d ON d."entityRef" = e.ref
       LEFT JOIN "DocsState" s ON s."entityRef" = e.ref
      ORDER BY e.ref`,
    [TECHDOCS_KEY],
  );
  return rows.map((r) => ({ ref: r.ref, owner: r.owner, changedAt: r.changedAt ? new Date(r.changedAt) : null }));
}

export const isFresh = (d: DocumentedDocs, at: Date) =>
  d.changedAt !== null && d.changedAt >= addDays(at, -DOCS_FRESH_DAYS) && d.changedAt <= at;

export async function docsFreshness(scope: TeamScope | null, now: Date): Promise<Metric> {
  const docs = (await listDocumented()).filter((d) => !scope || (d.owner !== null && scope.groups.has(d.owner)));
  const fresh = docs.filter((d) => isFresh(d, now));
  const value = percent(fresh.length, docs.length);
  const weeks = lastWeeks(now, WEEKS_SHOWN);
  const { driver } = await getDb();
  // The daily snapshot nearest the end of each past week (DocsFreshnessDay), summed over owners.
  const { rows: snapshots } = await driver.query<{ week: string; owner: string; documented: number; fresh: number }>(
    `SELECT DISTINCT ON (date_trunc('week', day), owner) to_char(date_trunc('week', day), 'YYYY-MM-DD') AS week, owner, documented, fresh
       FROM "DocsFreshnessDay" WHERE day >= $1::date ORDER BY date_trunc('week', day), owner, day DESC`,
    [dayKey(weeks[0]!)],
  );
  const current = dayKey(weeks.at(-1)!);
  return {
    id: 'docs-freshness',
    title: 'Docs freshness',
    unit: 'percent',
    target: 70,
    targetKind: 'at-least',
    value,
    measuredAt: now.toISOString(),
    ...(value === null
      ? { status: 'no-data' as const, statusMessage: 'No entity has docs yet (the backstage.io/techdocs-ref annotation).' }
      : {}),
    summary: `${fresh.length} of ${docs.length} documented entities had their docs changed in the last ${DOCS_FRESH_DAYS} days`,
    howMeasured: `Documented entities (with backstage.io/techdocs-ref) whose docs changed at the source in the last ${DOCS_FRESH_DAYS} days — the commit date of the built docs, or a push touching them since — over all documented entities. Past weeks come from the daily snapshot.`,
    trend: weeks.map((start) => {
      const week = dayKey(start);
      if (week === current) return { week, value };
      const rows = snapshots.filter((s) => s.week === week && (!scope || scope.groups.has(s.owner)));
      return {
        week,
        value: rows.length
          ? percent(
              rows.reduce((n, r) => n + r.fresh, 0),
              rows.reduce((n, r) => n + r.documented, 0),
            )
          : null,
      };
    }),
    drillDown: {
      title: `Documented entities whose docs did not change in the last ${DOCS_FRESH_DAYS} days`,
      columns: ['Entity', 'Owner', 'Last change at the source'],
      rows: docs
        .filter((d) => !isFresh(d, now))
        .sort((a, b) => (a.changedAt?.getTime() ?? 0) - (b.changedAt?.getTime() ?? 0))
        .map((d) => ({ cells: [d.ref, d.owner, d.changedAt ? dayKey(d.changedAt) : 'never built'] })),
    },
  };
}
