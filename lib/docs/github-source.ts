import 'server-only';
import { GithubRequestError, listRepoTree, type RepoTree } from '@/lib/github/repo-files';
import { MAX_ASSET_BYTES, SourceUnavailableError, type SourceSnapshot } from './local-source';

const MAX_FILES = 5_000;

/** A folder of a GitHub repository (`https://github.com/o/r/tree/<ref>/<path>` or a blob URL's folder). */
export async function githubSnapshot(url: string): Promise<SourceSnapshot> {
  const unavailable = (err: unknown): never => {
    throw err instanceof GithubRequestError ? new SourceUnavailableError(err.message) : err;
  };
  const tree: RepoTree | null = await listRepoTree(url).catch(unavailable);
  if (!tree) throw new SourceUnavailableError(`no GitHub integration is configured for ${url}; add its host under integrations.github`);
  const files = new Map<string, RepoTree['files'][number]>();
  const sizes = new Map<string, number>();
  for (const f of tree.files) {
    if (f.size > MAX_ASSET_BYTES || files.size >= MAX_FILES) continue;
    files.set(f.path, f);
    sizes.set(f.path, f.size);
  }
  return {
    type: 'github',
    source: `${tree.integration.webBaseUrl}/${tree.owner}/${tree.repo}/tree/${tree.ref}${tree.prefix ? `/${tree.prefix}` : ''}`,
    files: new Map([...files].map(([path, f]) => [path, f.sha])),
    sizes,
    changedAt: null,
    async read(file) {
      const entry = files.get(file);
      if (!entry) throw new Error(`${file} is not in ${tree.owner}/${tree.repo}`);
      return tree.read(entry).catch(unavailable);
    },
  };
}
