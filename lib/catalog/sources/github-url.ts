import 'server-only';
import { DEFAULT_PARSE_LIMITS } from '@/lib/catalog/model';
import { readRepoFile } from '@/lib/github/repo-files';

/**
 * Reads a file of a GitHub blob URL through the integration that serves it (contents API, with
 * its credentials and conditional requests), as Backstage's GitHub URL reader does. Null when no
 * integration serves it.
 */
export async function readGithubUrl(url: string, maxBytes = DEFAULT_PARSE_LIMITS.maxBytes): Promise<string | null> {
  return (await readRepoFile(url, { maxBytes }))?.text ?? null;
}
