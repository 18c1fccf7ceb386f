import 'server-only';
import { repositoryWebUrl, withRepository, type Read, type RepositoryRef } from './repository-read';

// A repository's pull requests, read live through the integration (Backstage's GitHub pull requests
// plugin): GET /repos/{owner}/{repo}/pulls, newest first, a conditional request like every read.

const PULLS_PER_PAGE = 20;

export type PullRequestSummary = {
  number: number;
  title: string;
  url: string;
  author: string | null;
  /** open, draft, merged or closed (unmerged). */
  state: 'open' | 'draft' | 'merged' | 'closed';
  head: string;
  base: string;
  labels: string[];
  reviewers: string[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
};

type PullRequestsPage = { htmlUrl: string | null; pulls: PullRequestSummary[]; lastPage: number };

/** The last page GitHub's Link header names (rel="last"), else this one. */
function lastPageOf(link: string | undefined, page: number): number {
  const last = link?.match(/[?&]page=(\d+)[^>]*>;\s*rel="last"/);
  return last ? Number(last[1]) : page;
}

/** A page of the repository's pull requests in one state, newest first. */
export function listPullRequests(
  repository: RepositoryRef,
  options: { state: 'open' | 'closed' | 'all'; page: number },
): Promise<Read<PullRequestsPage>> {
  return withRepository(repository, async (client, owner, repo) => {
    const { data, headers } = await client.rest.pulls.list({
      owner,
      repo,
      state: options.state,
      per_page: PULLS_PER_PAGE,
      page: options.page,
    });
    return {
      htmlUrl: repositoryWebUrl(repository),
      lastPage: lastPageOf(headers.link, options.page),
      pulls: data.map((p) => ({
        number: p.number,
        title: p.title,
        url: p.html_url,
        author: p.user?.login ?? null,
        state: p.merged_at ? 'merged' : p.state === 'closed' ? 'closed' : p.draft ? 'draft' : 'open',
        head: p.head.ref,
        base: p.base.ref,
        labels: p.labels.map((l) => l.name),
        reviewers: [...(p.requested_reviewers ?? []).map((u) => u.login), ...(p.requested_teams ?? []).map((t) => `@${t.slug}`)],
        createdAt: p.created_at,
        updatedAt: p.updated_at,
        closedAt: p.closed_at,
      })),
    };
  });
}
