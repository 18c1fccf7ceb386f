import type { BadgeTone } from '@/components/ui/badge';
import { firstParam, pageParam, type SearchParams } from './search-params';

// The Pull requests tab's query, links and state badges: pure, so the same on the server and in tests.

const PULL_VIEWS = ['open', 'closed', 'all'] as const;
type PullView = (typeof PULL_VIEWS)[number];
export type PullsQuery = { state: PullView; page: number };

/** `?state=&page=` of the tab; anything else is the first page of open pull requests. */
export function parsePullsQuery(query: SearchParams, maxPage: number): PullsQuery {
  const state = firstParam(query.state);
  return { state: PULL_VIEWS.includes(state as PullView) ? (state as PullView) : 'open', page: pageParam(query, maxPage) };
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
