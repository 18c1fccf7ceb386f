import 'server-only';
import { getPrisma } from '@/lib/db/client';
import { filePathInRepo } from '@/lib/github/webhooks/events';

// The locations a delivery is about, from the repository/organisation URLs in its payload.

/** `url` locations that read files of this repository (any branch), with the branch and path. */
export async function urlLocationsOfRepo(htmlUrl: string) {
  const prisma = await getPrisma();
  const rows = await prisma.location.findMany({ where: { type: 'url', target: { startsWith: `${htmlUrl}/blob/`, mode: 'insensitive' } } });
  return rows.flatMap((row) => {
    const rest = filePathInRepo(row.target, htmlUrl);
    if (rest === null) return [];
    const [branch, ...path] = rest.split('/');
    return [{ ...row, branch, path: path.join('/') }];
  });
}

/**
 * Locations of a type whose target is the organisation URL, or lies under it. GitHub logins are
 * case-insensitive: a target written `…/ACME` is the organisation a delivery names `acme`, and
 * must follow its changes (a member removed from a team loses her lead at once, not at the next
 * reconciliation).
 */
export async function orgLocations(type: 'github-discovery' | 'github-org', orgUrl: string) {
  const prisma = await getPrisma();
  const all = await prisma.location.findMany({ where: { type, target: { startsWith: orgUrl, mode: 'insensitive' } } });
  const url = orgUrl.toLowerCase();
  return all.filter((l) => {
    const target = l.target.toLowerCase();
    return target === url || target.startsWith(`${url}/`) || target.startsWith(`${url}?`);
  });
}
