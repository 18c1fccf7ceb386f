import { getConfig } from '@/lib/config/load-config';
import type { GithubIntegration } from '@/lib/config/schema';
import { getEnv } from '@/lib/env';

// Which GitHub host serves a URL, with what credentials, and the shapes of GitHub URLs that
// locations use (Backstage's: https://github.com/org/repo/blob/main/catalog-info.yaml).

export type ResolvedIntegration = GithubIntegration & { apiBaseUrl: string; webBaseUrl: string };

export function githubIntegrations(): ResolvedIntegration[] {
  const configured = getConfig().integrations.github;
  const token = getEnv().GITHUB_TOKEN;
  const list: GithubIntegration[] = configured.length ? configured : token ? [{ host: 'github.com', token }] : [];
  return list.map((g) => ({
    ...g,
    apiBaseUrl: (g.apiBaseUrl ?? (g.host === 'github.com' ? 'https://api.github.com' : `https://${g.host}/api/v3`)).replace(/\/$/, ''),
    webBaseUrl: (g.webBaseUrl ?? `https://${g.host}`).replace(/\/$/, ''),
  }));
}

/** The integration whose web base URL the given URL lies under, if any. */
export function integrationForUrl(url: string): ResolvedIntegration | undefined {
  return githubIntegrations().find((g) => url === g.webBaseUrl || url.startsWith(`${g.webBaseUrl}/`));
}

/** The integration serving a repository: the one of its web URL, else (a slug with no URL) the first configured. */
export function integrationForRepository(webUrl: string | null): ResolvedIntegration | undefined {
  return webUrl ? integrationForUrl(webUrl) : githubIntegrations()[0];
}

export type GithubUrl =
  | { kind: 'org'; org: string }
  | { kind: 'repo'; owner: string; repo: string }
  | { kind: 'blob' | 'tree'; owner: string; repo: string; ref: string; path: string };

/** One part of a URL's path, decoded; null for a malformed escape, ".", "..", or a "/" from %2F. */
function decodePart(part: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(part);
  } catch {
    return null;
  }
  return decoded === '.' || decoded === '..' || decoded.includes('/') ? null : decoded;
}

/**
 * Parses a GitHub web URL relative to the integration's web base. Null for a URL that is not one,
 * and for a part that is "." or ".." or holds a "/" once decoded: each part goes into a GitHub API
 * path (/repos/{owner}/{repo}/contents/{path}), where the HTTP client resolves "." and ".." (the
 * request then addresses another endpoint) and a "/" moves the part into the next one.
 */
export function parseGithubUrl(url: string, webBaseUrl: string): GithubUrl | null {
  // The base itself, not a host that starts like it (https://github.com.evil.example).
  if (!url.startsWith(webBaseUrl) || /^[^/?#]/.test(url.slice(webBaseUrl.length))) return null;
  const rest = url.slice(webBaseUrl.length).replace(/^\/+/, '').split(/[?#]/)[0];
  const decoded = rest.split('/').filter(Boolean).map(decodePart);
  if (decoded.some((p) => p === null)) return null;
  const parts = decoded as string[];
  if (parts.length === 1) return { kind: 'org', org: parts[0] };
  if (parts.length === 2) return { kind: 'repo', owner: parts[0], repo: parts[1].replace(/\.git$/, '') };
  if (parts.length >= 4 && (parts[2] === 'blob' || parts[2] === 'tree')) {
    return { kind: parts[2], owner: parts[0], repo: parts[1], ref: parts[3], path: parts.slice(4).join('/') };
  }
  return null;
}

/**
 * A folder's path without its trailing slashes. Not /\/+$/, which is retried from each slash of a
 * run: a URL's path decodes `%2F` to `/`, and 200,000 of them before a name took 19 s.
 */
export function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

export function blobUrl(webBaseUrl: string, owner: string, repo: string, ref: string, path: string): string {
  return `${webBaseUrl}/${owner}/${repo}/blob/${ref}/${path.replace(/^\/+/, '')}`;
}
