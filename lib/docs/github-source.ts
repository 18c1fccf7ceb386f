import 'server-only';
import { githubClient } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { integrationForUrl, parseGithubUrl } from '@/lib/github/integrations';
import { MAX_ASSET_BYTES, SourceUnavailableError, type SourceSnapshot } from './local-source';

const MAX_FILES = 5_000;

/** A folder of a GitHub repository (`https://github.com/o/r/tree/<ref>/<path>` or a blob URL's folder). */
export async function githubSnapshot(url: string): Promise<SourceSnapshot> {
  const integration = integrationForUrl(url);
  if (!integration) throw new SourceUnavailableError(`no GitHub integration is configured for ${url}; add its host under integrations.github`);
  const parsed = parseGithubUrl(url, integration.webBaseUrl);
  if (!parsed || (parsed.kind !== 'tree' && parsed.kind !== 'blob')) throw new SourceUnavailableError(`${url} is not a GitHub folder URL (expected ${integration.webBaseUrl}/<owner>/<repo>/tree/<branch>/<path>)`);
  const { owner, repo, ref } = parsed;
  const prefix = parsed.path.replace(/\/+$/, '').replace(/^\.\/?/, '');
  const fail = (err: unknown): never => {
    if ((err as { status?: number }).status) throw new SourceUnavailableError(explainGithubError(err, `${owner}/${repo}`));
    throw err;
  };
  const client = await githubClient(integration, { org: owner }).catch(fail);
  const { data } = await client.rest.git.getTree({ owner, repo, tree_sha: ref, recursive: 'true' }).catch(fail);
  const files = new Map<string, string>();
  const sizes = new Map<string, number>();
  for (const e of data.tree) {
    if (e.type !== 'blob' || !e.path || !e.sha) continue;
    if (prefix && !e.path.startsWith(`${prefix}/`)) continue;
    if ((e.size ?? 0) > MAX_ASSET_BYTES || files.size >= MAX_FILES) continue;
    const rel = prefix ? e.path.slice(prefix.length + 1) : e.path;
    files.set(rel, e.sha);
    sizes.set(rel, e.size ?? 0);
  }
  return {
    type: 'github',
    source: `${integration.webBaseUrl}/${owner}/${repo}/tree/${ref}${prefix ? `/${prefix}` : ''}`,
    files,
    sizes,
    changedAt: null,
    async read(file) {
      const sha = files.get(file);
      if (!sha) throw new Error(`${file} is not in ${owner}/${repo}`);
      const blob = await client.rest.git.getBlob({ owner, repo, file_sha: sha }).catch(fail);
      return Buffer.from(blob.data.content, blob.data.encoding === 'base64' ? 'base64' : 'utf8');
    },
  };
}
