import type { BadgeTone } from '@/components/ui/badge';

// The Pull requests tab's query, links and state badges: pure, so the same on the server and in tests.

export const PULL_VIEWS = ['open', 'closed', 'all'] as const;
export type PullView = (typeof PULL_VIEWS)[number];
export type PullsQuery = { state: PullView; page: number };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** `?state=&page=` of the tab; anything else is the first page of open pull requests. */
export function parsePullsQuery(query: Record<string, string | string[] | undefined>, maxPage: number): PullsQuery {
  const state = first(query.state);
  const page = Number(first(query.page));
  return {
    state: PULL_VIEWS.includes(state as PullView) ? (state as PullView) : 'open',
    page: Number.isInteger(page) && page >= 1 ? Math.min(page, maxPage) : 1,
  };
}

export function pullsHref(baseHref: string, q: Partial<PullsQuery>): string {
  const params = new URLSearchParams({ tab: 'pulls' });
  if (q.state && q.state !== 'open') params.set('state', q.state);
  if (q.page && q.page > 1) params.set('page', String(q.page));
  return `${baseHref}?${params}`;
}

const LOOKS: Record<string, { label: string; tone: BadgeTone }> = {
  open: { label: 'Open', tone: 'green' },
  draft: { label: 'Draft', tone: 'neutral' },
  merged: { label: 'Merged', tone: 'brand' },
  closed: { label: 'Closed', tone: 'red' },
};

export const pullStateLook = (state: string) => LOOKS[state] ?? { label: state, tone: 'neutral' as BadgeTone };
