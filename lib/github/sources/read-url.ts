import 'server-only';
import { DEFAULT_PARSE_LIMITS } from '@/lib/catalog/model';
import { githubClient } from '../client';
import { explainGithubError } from '../errors';
import { integrationForUrl, parseGithubUrl } from '../integrations';

/**
 * Reads a file of a GitHub blob URL through the REST API (contents endpoint, with the token and
 * conditional requests), as Backstage's GitHub URL reader does. Null when no integration serves it.
 */
export async function readGithubUrl(url: string, maxBytes = DEFAULT_PARSE_LIMITS.maxBytes): Promise<string | null> {
  const integration = integrationForUrl(url);
  if (!integration) return null;
  const parsed = parseGithubUrl(url, integration.webBaseUrl);
  if (!parsed || parsed.kind !== 'blob') throw new Error(`${url} is not a GitHub file URL (expected ${integration.webBaseUrl}/<owner>/<repo>/blob/<branch>/<path>)`);
  const client = await githubClient(integration, { org: parsed.owner });
  try {
    const { data } = await client.rest.repos.getContent({ owner: parsed.owner, repo: parsed.repo, path: parsed.path, ref: parsed.ref });
    if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) throw Object.assign(new Error('not a file'), { status: 404 });
    if (data.size > maxBytes) throw new Error(`${url} is ${data.size} bytes; the limit is ${maxBytes} bytes`);
    return Buffer.from(data.content, 'base64').toString('utf8');
  } catch (err) {
    if ((err as { status?: number }).status) throw new Error(explainGithubError(err, url));
    throw err;
  }
}
