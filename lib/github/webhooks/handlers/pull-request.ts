import 'server-only';
import path from 'node:path';
import { parseDescriptorFile } from '@/lib/catalog/model';
import { getPrisma } from '@/lib/db/client';
import { githubClient } from '../../client';
import { explainGithubError } from '../../errors';
import { integrationForUrl } from '../../integrations';
import { repoOf, urlLocationsOfRepo } from './locations-of';

export const CHECK_NAME = 'Wayfinder catalog validation';
const ANNOTATIONS_PER_REQUEST = 50; // GitHub's limit per check-run request

/**
 * Catalog validation in pull requests: when a PR adds or changes catalog files (catalog-info.yaml,
 * or any descriptor a location of this repository reads), validate them at the PR's head and
 * publish a check run with an annotation on each failing line.
 */
export async function handlePullRequest(payload: Record<string, unknown>): Promise<void> {
  if (payload.action === 'closed') return settlePendingChange(payload);
  if (!['opened', 'synchronize', 'reopened'].includes(String(payload.action))) return;
  const repo = repoOf(payload);
  const pr = payload.pull_request as { number: number; head: { sha: string } } | undefined;
  const integration = repo && integrationForUrl(repo.htmlUrl);
  if (!repo || !pr || !integration) return;
  const client = await githubClient(integration, { org: repo.owner });
  const descriptorPaths = new Set((await urlLocationsOfRepo(repo.htmlUrl)).map((l) => l.path));
  const files = await client.paginate(client.rest.pulls.listFiles, { owner: repo.owner, repo: repo.name, pull_number: pr.number, per_page: 100 });
  const catalogFiles = files.filter(
    (f) => f.status !== 'removed' && (/^catalog-info\.ya?ml$/.test(path.posix.basename(f.filename)) || descriptorPaths.has(f.filename)),
  );
  if (catalogFiles.length === 0) return;

  const annotations: { path: string; start_line: number; end_line: number; annotation_level: 'failure'; message: string; title: string }[] = [];
  let entities = 0;
  for (const file of catalogFiles) {
    let text: string;
    try {
      const { data } = await client.rest.repos.getContent({ owner: repo.owner, repo: repo.name, path: file.filename, ref: pr.head.sha });
      if (Array.isArray(data) || !('content' in data)) continue;
      text = Buffer.from(data.content, 'base64').toString('utf8');
    } catch (err) {
      throw new Error(explainGithubError(err, `${repo.owner}/${repo.name}/${file.filename}`));
    }
    const parsed = parseDescriptorFile(text, file.filename);
    entities += parsed.documents.filter((d) => d.entity).length;
    for (const e of parsed.errors) {
      annotations.push({ path: file.filename, start_line: e.line, end_line: e.line, annotation_level: 'failure', title: e.code, message: e.message });
    }
  }
  const ok = annotations.length === 0;
  const summary = ok
    ? `${catalogFiles.length} catalog file(s), ${entities} valid entit${entities === 1 ? 'y' : 'ies'}.`
    : `${annotations.length} problem(s) in ${catalogFiles.length} catalog file(s); see the annotations. The catalog keeps the last good version until they are fixed.`;
  const title = ok ? 'Catalog descriptors are valid' : `${annotations.length} catalog descriptor problem(s)`;
  const { data: check } = await client.rest.checks.create({
    owner: repo.owner,
    repo: repo.name,
    name: CHECK_NAME,
    head_sha: pr.head.sha,
    status: 'completed',
    conclusion: ok ? 'success' : 'failure',
    output: { title, summary, annotations: annotations.slice(0, ANNOTATIONS_PER_REQUEST) },
  });
  for (let i = ANNOTATIONS_PER_REQUEST; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    await client.rest.checks.update({ owner: repo.owner, repo: repo.name, check_run_id: check.id, output: { title, summary, annotations: annotations.slice(i, i + ANNOTATIONS_PER_REQUEST) } });
  }
}

/**
 * A Wayfinder edit's pull request was merged or closed: its PendingChange settles, with an audit
 * row. The catalog itself changes through the merge's push event, which re-reads the location.
 */
async function settlePendingChange(payload: Record<string, unknown>): Promise<void> {
  const repo = repoOf(payload);
  const pr = payload.pull_request as { number?: number; merged?: boolean; html_url?: string } | undefined;
  if (!repo || typeof pr?.number !== 'number') return;
  const prisma = await getPrisma();
  const repository = `${repo.owner}/${repo.name}`;
  const pending = await prisma.pendingChange.findFirst({ where: { repository: { equals: repository, mode: 'insensitive' }, prNumber: pr.number, status: 'open' } });
  if (!pending) return;
  const status = pr.merged === true ? 'merged' : 'closed';
  await prisma.$transaction([
    prisma.pendingChange.update({ where: { id: pending.id }, data: { status } }),
    prisma.auditLog.create({
      data: { actor: 'github', action: status === 'merged' ? 'entity.change-merged' : 'entity.change-closed', target: pending.entityRef, details: { prUrl: pending.prUrl, prNumber: pr.number, repository, requestedBy: pending.actor } },
    }),
  ]);
}
