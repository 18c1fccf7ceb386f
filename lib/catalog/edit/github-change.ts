import 'server-only';
import { randomUUID } from 'node:crypto';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { parseGithubUrl, type ResolvedIntegration } from '@/lib/github/integrations';
import { AppError } from '@/lib/errors';
import { getLogger } from '@/lib/observability/logger';
import type { EntityEditResult, FieldChange } from './apply-edit';

// Proposes an edit of a descriptor that lives in a GitHub repository as a pull request: the
// repository stays the source of truth, its owners review the change, and the push webhook of the
// merge brings it into the catalog.

export type DescriptorFile = { owner: string; repo: string; branch: string; path: string; text: string; blobSha: string };
export type OpenedPullRequest = { number: number; url: string; branch: string; repository: string };

/** The descriptor at the head of its branch (contents API), with the blob SHA a commit must name. */
export async function readGithubDescriptor(integration: ResolvedIntegration, blobUrl: string): Promise<DescriptorFile> {
  const parsed = parseGithubUrl(blobUrl, integration.webBaseUrl);
  if (!parsed || parsed.kind !== 'blob') throw new AppError('UNPROCESSABLE', `${blobUrl} is not a GitHub file URL; the entity cannot be edited here`);
  const client = await githubClient(integration, { org: parsed.owner });
  try {
    const { data } = await client.rest.repos.getContent({ owner: parsed.owner, repo: parsed.repo, path: parsed.path, ref: parsed.ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) throw new AppError('NOT_FOUND', `${blobUrl} is not a file any more`);
    return { owner: parsed.owner, repo: parsed.repo, branch: parsed.ref, path: parsed.path, text: Buffer.from(data.content, 'base64').toString('utf8'), blobSha: data.sha };
  } catch (err) {
    if ((err as { status?: number }).status) throw new AppError('UNAVAILABLE', explainGithubError(err, blobUrl));
    throw err;
  }
}

const show = (v: unknown) => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? v : JSON.stringify(v));

export function pullRequestTitle(entityName: string, changes: FieldChange[]): string {
  const owner = changes.find((c) => c.field === 'owner');
  if (owner && changes.length === 1) return `Change owner of ${entityName} to ${show(owner.after)}`;
  if (owner) return `Change owner of ${entityName} to ${show(owner.after)}, and its ${changes.filter((c) => c !== owner).map((c) => c.field).join(', ')}`;
  return `Update ${changes.map((c) => c.field).join(', ')} of ${entityName}`;
}

export function pullRequestBody(entityRef: string, changes: FieldChange[], requestedBy: string, file: string): string {
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

/**
 * Creates `wayfinder/<name>-<short id>` from the base branch head, commits the file on it (an
 * update when `blobSha` names the version it replaces, else a new file) and opens the pull
 * request. A branch left behind by a failure is deleted again. Ownership edits and the insights
 * "Register" action both open their pull requests here.
 */
export async function openFilePullRequest(
  integration: ResolvedIntegration,
  change: { owner: string; repo: string; baseBranch: string; path: string; text: string; blobSha?: string; branchName: string; title: string; message: string; body: string },
): Promise<OpenedPullRequest> {
  const client = await githubClient(integration, { org: change.owner });
  const repo = { owner: change.owner, repo: change.repo };
  const branch = `wayfinder/${change.branchName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}-${randomUUID().slice(0, 8)}`;
  let created = false;
  try {
    const { data: base } = await client.rest.git.getRef({ ...repo, ref: `heads/${change.baseBranch}` });
    await client.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: base.object.sha });
    created = true;
    await client.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: change.path,
      branch,
      ...(change.blobSha ? { sha: change.blobSha } : {}),
      message: change.message,
      content: Buffer.from(change.text, 'utf8').toString('base64'),
    });
    const { data: pr } = await client.rest.pulls.create({ ...repo, title: change.title, head: branch, base: change.baseBranch, body: change.body });
    return { number: pr.number, url: pr.html_url, branch, repository: `${change.owner}/${change.repo}` };
  } catch (err) {
    if (created) {
      await client.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` }).catch((cleanup: unknown) => {
        getLogger().warn({ err: cleanup, branch }, 'could not delete the branch of a failed change');
      });
    }
    const status = (err as { status?: number }).status;
    // A new file that appeared meanwhile: 422 ("sha" wasn't supplied); an edited one that moved on: 409.
    if (status === 409 || (status === 422 && !change.blobSha)) {
      throw new AppError('CONFLICT', change.blobSha ? `${change.path} changed on ${change.baseBranch} while you edited; reload and try again` : `${change.path} already exists in ${change.owner}/${change.repo}; reload and try again`);
    }
    if (status) throw new AppError('UNAVAILABLE', explainGithubError(err, `${change.owner}/${change.repo}`));
    throw err;
  }
}

/** Proposes an edited descriptor as a pull request (see openFilePullRequest). */
export async function openEditPullRequest(
  integration: ResolvedIntegration,
  file: DescriptorFile,
  edit: EntityEditResult,
  meta: { entityRef: string; entityName: string; requestedBy: string },
): Promise<OpenedPullRequest> {
  const title = pullRequestTitle(meta.entityName, edit.changes);
  return openFilePullRequest(integration, {
    owner: file.owner,
    repo: file.repo,
    baseBranch: file.branch,
    path: file.path,
    text: edit.text,
    blobSha: file.blobSha,
    branchName: meta.entityName,
    title,
    message: `${title}\n\nRequested by ${meta.requestedBy} in Wayfinder.`,
    body: pullRequestBody(meta.entityRef, edit.changes, meta.requestedBy, file.path),
  });
}
