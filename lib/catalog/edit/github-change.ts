import 'server-only';
import { randomUUID } from 'node:crypto';
import type { ResolvedIntegration } from '@/lib/github/integrations';
import { GithubRequestError, openPullRequest, readRepoFile, type OpenedPullRequest, type RepoFile } from '@/lib/github/repo-files';
import { AppError } from '@/lib/errors';
import type { EntityEditResult, FieldChange } from './apply-edit';

// Proposes an edit of a descriptor that lives in a GitHub repository as a pull request: the
// repository stays the source of truth, its owners review the change, and the push webhook of the
// merge brings it into the catalog.

/** GitHub's refusal as the edit's error; a 409 means the file changed while the user edited. */
function editError(err: unknown, file?: RepoFile): unknown {
  if (!(err instanceof GithubRequestError)) return err;
  if (err.status === 409 && file)
    return new AppError('CONFLICT', `${file.path} changed on ${file.ref} while you edited; reload and try again`);
  return new AppError(err.status === 404 ? 'NOT_FOUND' : 'UNAVAILABLE', err.message);
}

/** The descriptor at the head of its branch, with the blob SHA a commit must name. */
export async function readGithubDescriptor(blobUrl: string): Promise<RepoFile> {
  const file = await readRepoFile(blobUrl).catch((err: unknown) => {
    throw editError(err);
  });
  if (!file) throw new AppError('CONFLICT', `${blobUrl} is not served by a GitHub integration; change it there`);
  return file;
}

const show = (v: unknown) => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

function pullRequestTitle(entityName: string, changes: FieldChange[]): string {
  const owner = changes.find((c) => c.field === 'owner');
  if (owner && changes.length === 1) return `Change owner of ${entityName} to ${show(owner.after)}`;
  if (owner)
    return `Change owner of ${entityName} to ${show(owner.after)}, and its ${changes
      .filter((c) => c !== owner)
      .map((c) => c.field)
      .join(', ')}`;
  return `Update ${changes.map((c) => c.field).join(', ')} of ${entityName}`;
}

// Written as escapes: control characters (a line break would end the table row), line separators
// and text-direction overrides, and the backslash that starts an escape.
const UNSEEN = /[\\\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escapeUnseen = (c: string) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * Text someone typed, as inline code nothing in it can leave: GitHub renders no Markdown, HTML,
 * @mention or #reference inside code. Unseen characters are written as JSON escapes (a backslash
 * as `\\`), the fence is longer than any run of backticks inside, and in a table cell `|` is
 * escaped, since GFM splits a row into cells before it reads code spans.
 */
function code(text: string, where: 'text' | 'cell' = 'text'): string {
  let value = text.replace(UNSEEN, escapeUnseen);
  if (where === 'cell') value = value.replace(/\|/g, '\\|');
  if (!value) return '(empty)';
  const fence = '`'.repeat(Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length)) + 1);
  // One space inside each end is dropped by the reader; it keeps a backtick or a space at an end.
  const pad = /^[` ]|[` ]$/.test(value) ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

const cell = (v: unknown) => (v === null || v === undefined ? '(none)' : code(show(v), 'cell'));

/** The pull request's description: who asked, then each field before and after, every typed value as code. */
export function pullRequestBody(entityRef: string, changes: FieldChange[], requestedBy: string, file: string): string {
  return [
    `Requested by ${code(requestedBy)} in Wayfinder for ${code(entityRef)} (${code(file)}).`,
    '',
    '| Field | Before | After |',
    '| --- | --- | --- |',
    ...changes.map((c) => `| ${c.field} | ${cell(c.before)} | ${cell(c.after)} |`),
    '',
    'Merging this pull request updates the catalog within seconds. Comments and formatting of the file are kept; only the lines above change.',
  ].join('\n');
}

/**
 * The edit's branch: `wayfinder/<name>-<random>`. An entity name may hold `..` (a-b..c is a valid
 * name, as in Backstage), which git refuses in a ref name (git check-ref-format): GitHub would
 * answer 422 and the lead could never propose the change.
 */
export function editBranchName(entityName: string): string {
  const slug = entityName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.');
  return `wayfinder/${slug}-${randomUUID().slice(0, 8)}`;
}

export async function openEditPullRequest(
  integration: ResolvedIntegration,
  file: RepoFile,
  edit: EntityEditResult,
  meta: { entityRef: string; entityName: string; requestedBy: string },
): Promise<OpenedPullRequest> {
  const title = pullRequestTitle(meta.entityName, edit.changes);
  return openPullRequest(integration, {
    owner: file.owner,
    repo: file.repo,
    base: file.ref,
    branch: editBranchName(meta.entityName),
    path: file.path,
    content: edit.text,
    sha: file.sha,
    message: `${title}\n\nRequested by ${meta.requestedBy} in Wayfinder.`,
    title,
    body: pullRequestBody(meta.entityRef, edit.changes, meta.requestedBy, file.path),
  }).catch((err: unknown) => {
    throw editError(err, file);
  });
}
