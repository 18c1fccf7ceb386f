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

function pullRequestTitle(entityName: string, changes: FieldChange[]): string {
  const owner = changes.find((c) => c.field === 'owner');
  if (owner && changes.length === 1) return `Change owner of ${entityName} to ${show(owner.after)}`;
  if (owner) return `Change owner of ${entityName} to ${show(owner.after)}, and its ${changes.filter((c) => c !== owner).map((c) => c.field).join(', ')}`;
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

/**
 * Creates `wayfinder/<name>-<short id>` from the base branch head, commits the edited file on it
 * and opens the pull request. A branch left behind by a failure is deleted again.
 */
export async function openEditPullRequest(
  integration: ResolvedIntegration,
  file: DescriptorFile,
  edit: EntityEditResult,
  meta: { entityRef: string; entityName: string; requestedBy: string },
): Promise<OpenedPullRequest> {
  const client = await githubClient(integration, { org: file.owner });
  const repo = { owner: file.owner, repo: file.repo };
  const branch = `wayfinder/${meta.entityName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-')}-${randomUUID().slice(0, 8)}`;
  let created = false;
  try {
    const { data: base } = await client.rest.git.getRef({ ...repo, ref: `heads/${file.branch}` });
    await client.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha: base.object.sha });
    created = true;
    const title = pullRequestTitle(meta.entityName, edit.changes);
    await client.rest.repos.createOrUpdateFileContents({
      ...repo,
      path: file.path,
      branch,
      sha: file.blobSha,
      message: `${title}\n\nRequested by ${meta.requestedBy} in Wayfinder.`,
      content: Buffer.from(edit.text, 'utf8').toString('base64'),
    });
    const { data: pr } = await client.rest.pulls.create({
      ...repo,
      title,
      head: branch,
      base: file.branch,
      body: pullRequestBody(meta.entityRef, edit.changes, meta.requestedBy, file.path),
    });
    return { number: pr.number, url: pr.html_url, branch, repository: `${file.owner}/${file.repo}` };
  } catch (err) {
    if (created) {
      await client.rest.git.deleteRef({ ...repo, ref: `heads/${branch}` }).catch((cleanup: unknown) => {
        getLogger().warn({ err: cleanup, branch }, 'could not delete the branch of a failed edit');
      });
    }
    if ((err as { status?: number }).status === 409) {
      throw new AppError('CONFLICT', `${file.path} changed on ${file.branch} while you edited; reload and try again`);
    }
    if ((err as { status?: number }).status) throw new AppError('UNAVAILABLE', explainGithubError(err, `${file.owner}/${file.repo}`));
    throw err;
  }
}
