import 'server-only';
import path from 'node:path';
import { getPrisma } from '@/lib/db/client';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { integrationForUrl } from '@/lib/github/integrations';
import { GithubRequestError, readRepoFileAt } from '@/lib/github/repo-files';
import { repoOf, type WebhookEvent } from '@/lib/github/webhooks/events';
import { DEFAULT_PARSE_LIMITS, parseDescriptorFile } from '../model';
import { urlLocationsOfRepo } from './locations-of';

export const CHECK_NAME = 'Wayfinder catalog validation';
const ANNOTATIONS_PER_REQUEST = 50; // GitHub's limit per check-run request
// Anyone who can open a pull request (on a public repository, anyone at all) chooses its files: the
// check reads at most this many of them and publishes at most this many annotations, so that one
// pull request costs a bounded number of GitHub requests, made with the integration's rate limit
// that the catalog's own reads share, and bounded parsing.
export const MAX_CHECKED_FILES = 100;
export const MAX_ANNOTATIONS = 10 * ANNOTATIONS_PER_REQUEST;
// The contents API returns no content for a file over 1 MB (empty, encoding "none").
const MAX_CHECKED_BYTES = DEFAULT_PARSE_LIMITS.maxBytes;

type Repo = { owner: string; name: string };
type Client = Awaited<ReturnType<typeof githubClient>>;
type PullRequestPayload = WebhookEvent<'pull_request'>;
type Annotation = {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure';
  message: string;
  title: string;
};

/**
 * Catalog validation in pull requests: when a PR adds or changes catalog files (catalog-info.yaml,
 * or any descriptor a location of this repository reads), validate them at the PR's head and
 * publish a check run with an annotation on each failing line.
 *
 * Every head of such a PR gets a check, also once its catalog files match the base again (a
 * revert): a required check must not wait forever behind an old red run on an earlier commit. A
 * head needs one when the PR's diff touches catalog files, the push that made it touched them, or
 * the previous head had a Wayfinder check.
 */
export async function onPullRequest(payload: PullRequestPayload): Promise<void> {
  if (payload.action === 'closed') return settlePendingChange(payload);
  if (!['opened', 'synchronize', 'reopened'].includes(payload.action)) return;
  const repo = repoOf(payload);
  const pr = payload.pull_request;
  const integration = repo && integrationForUrl(repo.htmlUrl);
  if (!repo || !integration) return;
  const client = await githubClient(integration, { org: repo.owner });
  const descriptorPaths = new Set((await urlLocationsOfRepo(repo.htmlUrl)).map((l) => l.path));
  const isCatalogFile = (file: string) => /^catalog-info\.ya?ml$/.test(path.posix.basename(file)) || descriptorPaths.has(file);
  const files = await client.paginate(client.rest.pulls.listFiles, {
    owner: repo.owner,
    repo: repo.name,
    pull_number: pr.number,
    per_page: 100,
  });
  const touched = files.filter((f) => isCatalogFile(f.filename));
  if (touched.length === 0 && !(await touchedBefore(client, repo, payload, isCatalogFile))) return;
  const changed = touched.filter((f) => f.status !== 'removed');
  const toValidate = changed.slice(0, MAX_CHECKED_FILES);
  const unchecked = changed.length - toValidate.length;

  const annotations: Annotation[] = [];
  let problems = 0;
  const annotate = (a: Omit<Annotation, 'annotation_level'>) => {
    problems++;
    if (annotations.length < MAX_ANNOTATIONS) annotations.push({ ...a, annotation_level: 'failure' });
  };
  let entities = 0;
  for (const file of toValidate) {
    let text: string;
    try {
      ({ text } = await readRepoFileAt(
        client,
        { owner: repo.owner, repo: repo.name, path: file.filename, ref: pr.head.sha },
        MAX_CHECKED_BYTES,
      ));
    } catch (err) {
      // One file that cannot be read (too large, a symlink, a submodule) is that file's problem.
      if (!(err instanceof GithubRequestError) || (err.status !== undefined && err.status !== 404)) throw err;
      annotate({ path: file.filename, start_line: 1, end_line: 1, title: 'unreadable', message: err.message });
      continue;
    }
    const parsed = parseDescriptorFile(text, file.filename);
    entities += parsed.documents.filter((d) => d.entity).length;
    for (const e of parsed.errors) {
      // GitHub takes columns only on a one-line annotation, which these are.
      annotate({
        path: file.filename,
        start_line: e.line,
        end_line: e.line,
        start_column: e.column,
        end_column: e.column,
        title: e.code,
        message: e.message,
      });
    }
  }
  const ok = problems === 0;
  const notChecked = unchecked
    ? ` ${unchecked} more catalog file(s) were not validated: the check reads the first ${MAX_CHECKED_FILES}; split the pull request, or run npx wayfinder validate.`
    : '';
  const notShown = problems > annotations.length ? ` The first ${annotations.length} are annotated.` : '';
  const summary =
    toValidate.length === 0
      ? touched.length
        ? `This pull request only removes catalog files (${touched
            .slice(0, 10)
            .map((f) => f.filename)
            .join(', ')}${touched.length > 10 ? `, and ${touched.length - 10} more` : ''}): nothing to validate.`
        : 'The catalog files of this pull request match the base branch again: nothing to validate.'
      : ok
        ? `${toValidate.length} catalog file(s), ${entities} valid entit${entities === 1 ? 'y' : 'ies'}.${notChecked}`
        : `${problems} problem(s) in ${toValidate.length} catalog file(s); see the annotations.${notShown} The catalog keeps the last good version until they are fixed.${notChecked}`;
  const title =
    toValidate.length === 0
      ? 'No catalog changes to validate'
      : ok
        ? unchecked
          ? `Catalog descriptors are valid in the first ${MAX_CHECKED_FILES} files`
          : 'Catalog descriptors are valid'
        : `${problems} catalog descriptor problem(s)`;
  const { data: check } = await client.rest.checks.create({
    owner: repo.owner,
    repo: repo.name,
    name: CHECK_NAME,
    head_sha: pr.head.sha,
    status: 'completed',
    // Files left unread are not known to be valid: neutral, not a green check.
    conclusion: ok ? (unchecked ? 'neutral' : 'success') : 'failure',
    output: { title, summary, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) },
  });
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await client.rest.checks.update({
      owner: repo.owner,
      repo: repo.name,
      check_run_id: check.id,
      output: { title, summary, annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST) },
    });
  }
}

/**
 * For a `synchronize` whose PR diff no longer shows catalog files: did the previous head carry a
 * Wayfinder check, or did the pushed commits change catalog files (added and reverted again)?
 */
async function touchedBefore(
  client: Client,
  repo: Repo,
  payload: PullRequestPayload,
  isCatalogFile: (file: string) => boolean,
): Promise<boolean> {
  const { before, after } = payload;
  if (payload.action !== 'synchronize' || typeof before !== 'string' || typeof after !== 'string') return false;
  const ref = { owner: repo.owner, repo: repo.name };
  try {
    const { data: runs } = await client.rest.checks.listForRef({ ...ref, ref: before, check_name: CHECK_NAME, per_page: 1 });
    if (runs.total_count > 0) return true;
    const { data: pushed } = await client.rest.repos.compareCommitsWithBasehead({ ...ref, basehead: `${before}...${after}` });
    return (pushed.files ?? []).some(
      (f) => isCatalogFile(f.filename) || (f.previous_filename !== undefined && isCatalogFile(f.previous_filename)),
    );
  } catch (err) {
    // A force-push can leave `before` unknown to GitHub (404/422): nothing to carry over then.
    if ([404, 422].includes((err as { status?: number }).status ?? 0)) return false;
    throw new Error(explainGithubError(err, `${repo.owner}/${repo.name}@${before}`));
  }
}

/**
 * A Wayfinder edit's pull request was merged or closed: its PendingChange settles, with an audit
 * row. The catalog itself changes through the merge's push event, which re-reads the location.
 */
async function settlePendingChange(payload: PullRequestPayload): Promise<void> {
  const repo = repoOf(payload);
  const pr = payload.pull_request;
  if (!repo) return;
  const prisma = await getPrisma();
  const repository = `${repo.owner}/${repo.name}`;
  const pending = await prisma.pendingChange.findFirst({
    where: { repository: { equals: repository, mode: 'insensitive' }, prNumber: pr.number, status: 'open' },
  });
  if (!pending) return;
  const status = pr.merged === true ? 'merged' : 'closed';
  await prisma.$transaction([
    prisma.pendingChange.update({ where: { id: pending.id }, data: { status } }),
    prisma.auditLog.create({
      data: {
        actor: 'github',
        action: status === 'merged' ? 'entity.change-merged' : 'entity.change-closed',
        target: pending.entityRef,
        details: { prUrl: pending.prUrl, prNumber: pr.number, repository, requestedBy: pending.actor },
      },
    }),
  ]);
}
