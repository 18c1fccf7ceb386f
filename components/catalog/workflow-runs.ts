import type { BadgeTone } from '@/components/ui/badge';
import { firstParam, pageParam, type SearchParams } from './search-params';

// How the CI/CD tab names a GitHub Actions run's state and time, and reads its query: pure, so the
// same on the server and in tests.

const LOOKS: Record<string, { label: string; tone: BadgeTone }> = {
  success: { label: 'Succeeded', tone: 'green' },
  failure: { label: 'Failed', tone: 'red' },
  timed_out: { label: 'Timed out', tone: 'red' },
  startup_failure: { label: 'Failed to start', tone: 'red' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  skipped: { label: 'Skipped', tone: 'neutral' },
  neutral: { label: 'Neutral', tone: 'neutral' },
  stale: { label: 'Stale', tone: 'neutral' },
  action_required: { label: 'Action required', tone: 'amber' },
  in_progress: { label: 'Running', tone: 'brand' },
  queued: { label: 'Queued', tone: 'amber' },
  requested: { label: 'Queued', tone: 'amber' },
  waiting: { label: 'Waiting', tone: 'amber' },
  pending: { label: 'Pending', tone: 'amber' },
};

export function runStateLook(state: string): { label: string; tone: BadgeTone } {
  return LOOKS[state] ?? { label: state.replaceAll('_', ' '), tone: 'neutral' };
}

/** Still running or waiting to: its duration grows, and a reload shows more. */
export const isUnfinished = (state: string): boolean => ['in_progress', 'queued', 'requested', 'waiting', 'pending'].includes(state);

/** "45s", "3m 05s", "2h 04m": from start to end (or to now while it runs); "" without a start. */
export function formatDuration(startIso: string | null, endIso: string | null, now: Date = new Date()): string {
  if (!startIso) return '';
  const end = endIso ? Date.parse(endIso) : now.getTime();
  const seconds = Math.max(0, Math.round((end - Date.parse(startIso)) / 1000));
  if (Number.isNaN(seconds)) return '';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  return h ? `${h}h ${two(m)}m` : m ? `${m}m ${two(s)}s` : `${s}s`;
}

export type CiQuery = { branch: string | null; page: number; run: number | null };

// A branch as git allows one, short enough for a URL; anything else lists every branch.
const BRANCH = /^(?!\/|.*\/\/|.*\.\.|.*\/$)[\w./-]{1,200}$/;

/** `?branch=&page=&run=` of the CI/CD tab; a value that cannot be one is ignored, not an error. */
export function parseCiQuery(query: SearchParams, maxPage: number): CiQuery {
  const branch = firstParam(query.branch);
  const run = firstParam(query.run);
  return {
    branch: branch && BRANCH.test(branch) ? branch : null,
    page: pageParam(query, maxPage),
    run: run && /^[1-9]\d{0,15}$/.test(run) ? Number(run) : null,
  };
}

/** The tab's own links: the list (of a branch, a page) or one run. */
export function ciHref(baseHref: string, q: Partial<CiQuery>): string {
  const params = new URLSearchParams({ tab: 'ci' });
  if (q.run) params.set('run', String(q.run));
  else {
    if (q.branch) params.set('branch', q.branch);
    if (q.page && q.page > 1) params.set('page', String(q.page));
  }
  return `${baseHref}?${params}`;
}
