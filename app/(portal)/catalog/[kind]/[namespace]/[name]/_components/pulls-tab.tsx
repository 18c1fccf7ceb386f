import { formatTime } from '@/components/catalog-actions/processing-error-list';
import { pullsHref, pullStateLook, type PullsQuery } from '@/components/catalog/pull-requests';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { Pager } from '@/components/ui/pager';
import { safeHref } from '@/components/ui/safe-href';
import { SegmentedLinks } from '@/components/ui/tabs';
import { CollapsedValues, Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { getEntityRepository } from '@/lib/catalog';
import { listPullRequests, type PullRequestSummary } from '@/lib/github/pull-requests';
import { Unavailable } from './ci-tab';

// The Pull requests tab (Backstage's GitHub pull requests plugin): the entity's repository's pull
// requests, open (the default), closed or all, read live from GitHub. Reviewing and merging happen
// on GitHub, where each one links.

const VIEWS = [
  { key: 'open', label: 'Open' },
  { key: 'closed', label: 'Closed' },
  { key: 'all', label: 'All' },
] as const;

export async function PullsTab({ entityRef, baseHref, query }: { entityRef: string; baseHref: string; query: PullsQuery }) {
  const repository = await getEntityRepository(entityRef);
  if (!repository) return <Unavailable title="No repository" reason="this entity names no GitHub repository" />;
  if (repository.unbelieved)
    return <Unavailable title={`Pull requests of ${repository.name} are not shown`} reason={repository.unbelieved} />;
  const read = await listPullRequests(repository, query);
  if (!read.ok) return <Unavailable title={`Could not read the pull requests of ${repository.name}`} reason={read.error} />;
  const { pulls, lastPage, htmlUrl } = read.value;
  const repoLink = htmlUrl ? safeHref(`${htmlUrl}/pulls`) : null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Pull requests of{' '}
          {repoLink ? (
            <a href={repoLink} target="_blank" rel="noreferrer" className="font-mono">
              {repository.name}
            </a>
          ) : (
            <span className="font-mono">{repository.name}</span>
          )}
          , newest first. Review and merge them on GitHub.
        </p>
        <SegmentedLinks
          label="Pull request state"
          items={VIEWS.map((v) => ({
            key: v.key,
            label: v.label,
            href: pullsHref(baseHref, { state: v.key }),
            current: query.state === v.key,
          }))}
        />
      </div>
      {pulls.length === 0 ? (
        <EmptyState title={query.page > 1 ? 'No more pull requests' : `No ${query.state === 'all' ? '' : `${query.state} `}pull requests`}>
          {query.state === 'open' ? 'Nothing is waiting for review or merge.' : 'None in this repository.'}
        </EmptyState>
      ) : (
        <Table label="Pull requests">
          <TableHead>
            <tr>
              <TableHeader>Pull request</TableHeader>
              <TableHeader>State</TableHeader>
              <TableHeader collapse>Review requested</TableHeader>
              <TableHeader collapse>Updated</TableHeader>
            </tr>
          </TableHead>
          <TableBody>
            {pulls.map((p) => (
              <PullRow key={p.number} pull={p} />
            ))}
          </TableBody>
        </Table>
      )}
      <Pager
        label="Pages of pull requests"
        page={query.page}
        pages={Math.max(lastPage, query.page)}
        hrefOf={(page) => pullsHref(baseHref, { state: query.state, page })}
      />
    </div>
  );
}

function PullRow({ pull }: { pull: PullRequestSummary }) {
  const look = pullStateLook(pull.state);
  const url = safeHref(pull.url);
  const reviewers = pull.reviewers.join(', ') || '—';
  return (
    <TableRow>
      <TableCell holdsCollapsed>
        {url ? (
          <a href={url} target="_blank" rel="noreferrer" className="font-medium [overflow-wrap:anywhere]">
            {pull.title}
          </a>
        ) : (
          <span className="font-medium">{pull.title}</span>
        )}
        <p className="text-xs text-slate-500 [overflow-wrap:anywhere] dark:text-slate-400">
          #{pull.number} · {pull.author ?? 'unknown'} · <span className="font-mono">{pull.head}</span> →{' '}
          <span className="font-mono">{pull.base}</span>
        </p>
        {pull.labels.length > 0 && (
          <p className="mt-1 flex flex-wrap gap-1">
            {pull.labels.map((l) => (
              <Badge key={l}>{l}</Badge>
            ))}
          </p>
        )}
        <CollapsedValues
          inline
          values={[
            ...(pull.reviewers.length ? [{ label: 'Review', value: reviewers }] : []),
            { label: 'Updated', value: formatTime(pull.updatedAt) },
          ]}
        />
      </TableCell>
      <TableCell>
        <Badge tone={look.tone}>{look.label}</Badge>
      </TableCell>
      <TableCell collapse className="text-xs">
        {reviewers}
      </TableCell>
      <TableCell collapse className="text-xs whitespace-nowrap">
        <time dateTime={pull.updatedAt}>{formatTime(pull.updatedAt)}</time>
      </TableCell>
    </TableRow>
  );
}
