import { z } from 'zod';

// The guide's adoption metrics, as the page, the export and GET /api/insights/metrics show them.

export const METRIC_IDS = ['catalog-coverage', 'template-usage', 'dau-wau', 'onboarding-time', 'mttr', 'docs-freshness'] as const;
export type MetricId = (typeof METRIC_IDS)[number];
export const metricIdSchema = z.enum(METRIC_IDS, { message: `expected one of ${METRIC_IDS.join(', ')}` });

export type TrendPoint = { /** Monday of the ISO week, YYYY-MM-DD. */ week: string; value: number | null };
export type DrillRow = {
  cells: (string | number | null)[];
  /** Unregistered repositories: the URL the Register action takes. */ repository?: string;
};

export type Metric = {
  id: MetricId;
  title: string;
  unit: 'percent' | 'minutes';
  target: number;
  /** "at-least": higher is better (coverage); "at-most": lower is better (onboarding time). */
  targetKind: 'at-least' | 'at-most';
  value: number | null;
  measuredAt: string;
  /** Set when there is no value: why, in `statusMessage`. */
  status?: 'needs-integration' | 'no-data';
  statusMessage?: string;
  /** The value in words ("38 of 40 repositories have a catalog entity"). */
  summary: string;
  howMeasured: string;
  trend: TrendPoint[];
  drillDown: { title: string; columns: string[]; rows: DrillRow[] };
};

export const WEEKS_SHOWN = 12;
/** Template usage and onboarding time look at what happened in this many days. */
export const PERIOD_DAYS = 90;
export const DOCS_FRESH_DAYS = 30;

/** Whether the value meets its target. */
export function meetsTarget(m: Pick<Metric, 'value' | 'target' | 'targetKind'>): boolean | null {
  if (m.value === null) return null;
  return m.targetKind === 'at-least' ? m.value >= m.target : m.value <= m.target;
}

/** The API's view of a metric: one object per metric, no drill-down. */
export function apiMetric(m: Metric) {
  return {
    id: m.id,
    value: m.value,
    target: m.target,
    unit: m.unit,
    measuredAt: m.measuredAt,
    ...(m.status ? { status: m.status, statusMessage: m.statusMessage } : {}),
  };
}
