import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { integrationForUrl } from '../../integrations';

// Finding the locations a delivery is about, from the repository/organisation URLs in its payload.

export type RepoRef = { htmlUrl: string; owner: string; name: string; defaultBranch: string };

export function repoOf(payload: Record<string, unknown>): RepoRef | null {
  const repo = payload.repository as { html_url?: string; name?: string; owner?: { login?: string }; default_branch?: string; master_branch?: string } | undefined;
  if (!repo?.html_url || !repo.name || !repo.owner?.login) return null;
  return { htmlUrl: repo.html_url.replace(/\/$/, ''), owner: repo.owner.login, name: repo.name, defaultBranch: repo.default_branch ?? repo.master_branch ?? 'main' };
}

/** Web URL of the organisation (or user) account a payload is about. */
export function orgUrlOf(payload: Record<string, unknown>): string | null {
  const org = (payload.organization as { login?: string } | undefined)?.login
    ?? (payload.installation as { account?: { login?: string } } | undefined)?.account?.login
    ?? (payload.repository as { owner?: { login?: string } } | undefined)?.owner?.login;
  const html = (payload.repository as { html_url?: string } | undefined)?.html_url ?? (payload.sender as { html_url?: string } | undefined)?.html_url;
  if (!org || !html) return null;
  return `${new URL(html).origin}/${org}`;
}

/** `url` locations that read files of this repository (any branch), with the branch and path. */
export async function urlLocationsOfRepo(htmlUrl: string) {
  const prisma = await getPrisma();
  const rows = await prisma.location.findMany({ where: { type: 'url', target: { startsWith: `${htmlUrl}/blob/` } } });
  return rows.map((row) => {
    const [branch, ...path] = row.target.slice(`${htmlUrl}/blob/`.length).split('/');
    return { ...row, branch, path: path.join('/') };
  });
}

/** Locations of a type whose target is the organisation URL, or lies under it. */
export async function orgLocations(type: 'github-discovery' | 'github-org', orgUrl: string) {
  const prisma = await getPrisma();
  const all = await prisma.location.findMany({ where: { type, target: { startsWith: orgUrl } } });
  return all.filter((l) => l.target === orgUrl || l.target.startsWith(`${orgUrl}/`) || l.target.startsWith(`${orgUrl}?`));
}

export function isGithubManaged(url: string): boolean {
  return integrationForUrl(url) !== undefined;
}
