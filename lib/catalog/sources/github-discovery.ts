import 'server-only';
import { getPrisma } from '@/lib/db/client';
import type { LocationSpec } from '../model/location-target';
import { credentialIdentity, githubClient, markUsed } from '@/lib/github/client';
import { explainGithubError } from '@/lib/github/errors';
import { blobUrl, integrationForUrl } from '@/lib/github/integrations';

// github-discovery: every non-archived repository of an organisation that has a catalog file
// becomes a `url` location. Target forms:
//   https://github.com/acme                                   all repos, default branch, catalog-info.yaml
//   https://github.com/acme/*-service/blob/-/catalog-info.yaml  Backstage's form: repo glob, branch ("-" = default), path
// Optional `?topic=x` keeps repositories with that topic.
// Cost: the repository listing is paged with conditional requests; the per-repository contents
// check runs only for repositories pushed since the last discovery (remembered per location).

export type DiscoveryTarget = {
  org: string;
  matchesRepo: (name: string) => boolean;
  branch: string | null;
  path: string;
  topic: string | null;
};

export function parseDiscoveryTarget(target: string, webBaseUrl: string): DiscoveryTarget {
  const url = new URL(target);
  const topic = url.searchParams.get('topic');
  const plain = `${url.origin}${url.pathname}`.replace(/\/$/, '');
  const parts = plain.slice(webBaseUrl.length).split('/').filter(Boolean);
  if (parts.length === 0) throw new Error(`${target}: name an organisation, e.g. ${webBaseUrl}/acme`);
  const [org, repoGlob = '*', blob, branch = '-', ...path] = parts;
  if (parts.length > 2 && blob !== 'blob')
    throw new Error(`${target}: expected ${webBaseUrl}/<org>/<repo-pattern>/blob/<branch or ->/<path>`);
  return {
    org,
    matchesRepo: (name) => globMatches(repoGlob, name),
    branch: branch === '-' ? null : branch,
    path: path.length ? path.join('/') : 'catalog-info.yaml',
    topic,
  };
}

/**
 * Whether `name` matches `glob` (`*`: any run of characters), ignoring case. One pass that backs up
 * only to the last `*` seen, so the work is at most the two lengths multiplied; the `^.*…$` regex it
 * replaces backtracked once per way of splitting the name between the stars (a member's glob of a
 * dozen stars held the server for a minute against a 40-character repository name).
 */
export function globMatches(glob: string, name: string): boolean {
  const g = glob.toLowerCase();
  const s = name.toLowerCase();
  let i = 0;
  let j = 0;
  let star = -1;
  let resume = 0;
  while (j < s.length) {
    if (g[i] === '*') {
      star = i++;
      resume = j;
    } else if (i < g.length && g[i] === s[j]) {
      i++;
      j++;
    } else if (star >= 0) {
      i = star + 1;
      j = ++resume;
    } else return false;
  }
  while (g[i] === '*') i++;
  return i === g.length;
}

type Remembered = { pushedAt: string | null; found: boolean; branch: string };

export async function discoverRepositories(
  locationId: string | null,
  target: string,
): Promise<{ locations: LocationSpec[]; failures: { file: string; message: string }[] }> {
  const integration = integrationForUrl(target);
  if (!integration)
    return {
      locations: [],
      failures: [{ file: target, message: `no GitHub integration serves ${target}; add it under integrations.github` }],
    };
  let spec: DiscoveryTarget;
  try {
    spec = parseDiscoveryTarget(target, integration.webBaseUrl);
  } catch (err) {
    return { locations: [], failures: [{ file: target, message: (err as Error).message }] };
  }
  const client = await githubClient(integration, { org: spec.org });
  const prisma = await getPrisma();
  const memoryKey = (repo: string) => `discovery ${credentialIdentity(integration)} ${locationId} ${repo}`;
  const locations: LocationSpec[] = [];
  const failures: { file: string; message: string }[] = [];
  let repos;
  try {
    repos = await client.paginate(client.rest.repos.listForOrg, { org: spec.org, per_page: 100, type: 'all' });
  } catch (err) {
    return { locations: [], failures: [{ file: target, message: explainGithubError(err, `the repositories of ${spec.org}`) }] };
  }
  for (const repo of repos) {
    if (repo.archived || !spec.matchesRepo(repo.name)) continue;
    if (spec.topic && !(repo.topics ?? []).includes(spec.topic)) continue;
    const branch = spec.branch ?? repo.default_branch ?? 'main';
    const key = memoryKey(repo.name);
    // A preview (no location yet) checks every repository; ingestion remembers what it saw.
    const row = locationId ? await prisma.githubResponseCache.findUnique({ where: { key } }) : null;
    if (row) await markUsed(row);
    const remembered = row?.body as Remembered | undefined;
    let found: boolean;
    if (remembered && remembered.pushedAt === (repo.pushed_at ?? null) && remembered.branch === branch) {
      found = remembered.found;
    } else {
      try {
        await client.rest.repos.getContent({ owner: spec.org, repo: repo.name, path: spec.path, ref: branch });
        found = true;
      } catch (err) {
        if ((err as { status?: number }).status !== 404) {
          failures.push({
            file: `${integration.webBaseUrl}/${spec.org}/${repo.name}`,
            message: explainGithubError(err, `${spec.org}/${repo.name}`),
          });
          continue;
        }
        found = false;
      }
      const body: Remembered = { pushedAt: repo.pushed_at ?? null, found, branch };
      if (locationId)
        await prisma.githubResponseCache.upsert({
          where: { key },
          create: { key, etag: '-', body },
          update: { etag: '-', body, usedAt: new Date() },
        });
    }
    if (found) locations.push({ type: 'url', target: blobUrl(integration.webBaseUrl, spec.org, repo.name, branch, spec.path) });
  }
  return { locations, failures };
}
