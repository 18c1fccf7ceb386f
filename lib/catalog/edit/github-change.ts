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

function pullRequestBody(entityRef: string, changes: FieldChange[], requestedBy: string, file: string): string {
  const rows = changes.map((c) => `| ${c.field} | ${show(c.before).replace(/\|/g, '\\|')} | ${show(c.after).replace(/\|/g, '\\|')} |`);
  return [
    `Requested by **${requestedBy}** in Wayfinder for \`${entityRef}\` (\`${file}\`).`,
    '',
    '| Field | Before | After |',
    '| --- | --- | --- |',
    ...rows,
    '',
    'Merging this pull request updates the catalog within seconds. Comments and formatting of the file are kept; only the lines above change.',
  ].join('\n');
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
    branch: `wayfinder/${meta.entityName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}-${randomUUID().slice(0, 8)}`,
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
