// RepoUrlPicker values, as Backstage writes them: `github.com?owner=acme&repo=payments`
// (plus `organization`, `workspace`, `project` for other hosts). Backstage's parseRepoUrl
// (plugins/scaffolder-node) is the reference; the host must be one the portal integrates with,
// which the caller checks.

export type RepoSpec = { host: string; owner: string; repo: string; organization?: string; workspace?: string; project?: string };

export function parseRepoUrl(repoUrl: string): RepoSpec {
  if (typeof repoUrl !== 'string' || !repoUrl.trim())
    throw new TypeError('repoUrl is empty; expected e.g. github.com?owner=acme&repo=my-service');
  let url: URL;
  try {
    url = new URL(`https://${repoUrl}`);
  } catch {
    throw new TypeError(`Invalid repo URL passed to publisher: ${repoUrl}; expected e.g. github.com?owner=acme&repo=my-service`);
  }
  const host = url.host;
  const param = (name: string) => url.searchParams.get(name) ?? undefined;
  const owner = param('owner');
  const repo = param('repo');
  if (!owner) throw new TypeError(`Invalid repo URL passed to publisher: ${repoUrl}, missing owner`);
  if (!repo) throw new TypeError(`Invalid repo URL passed to publisher: ${repoUrl}, missing repo`);
  // They go into GitHub API paths (/repos/{owner}/{repo}/…), where "." and ".." would be resolved
  // and address another endpoint; GitHub allows neither as a name.
  for (const [part, value] of [
    ['owner', owner],
    ['repo', repo],
  ])
    if (value === '.' || value === '..')
      throw new TypeError(`Invalid repo URL passed to publisher: ${repoUrl}, ${part} "${value}" is not a GitHub name`);
  const spec: RepoSpec = { host, owner, repo };
  for (const key of ['organization', 'workspace', 'project'] as const) {
    const v = param(key);
    if (v) spec[key] = v;
  }
  return spec;
}

/** `owner/repo` of a RepoUrlPicker value (Backstage's projectSlug filter). */
export function projectSlug(repoUrl: string): string {
  const { owner, repo } = parseRepoUrl(repoUrl);
  return `${owner}/${repo}`;
}
