import net from 'node:net';
import path from 'node:path';
import type { ReadingAllowRule } from '@/lib/config/schema';

// backend.reading.allow, as Backstage's FetchUrlReader reads it: `host` is a host with an optional
// port (`example.com`, `docs.example.com:8443`) or `*.example.com` for every subdomain (not the
// domain itself); `paths`, when given, are prefixes the normalised URL path must start with.

export type AllowMatch = { rule: ReadingAllowRule; explicit: boolean };

/** A configured host in the form URL.host has (lowercase, IPv4 dotted, IPv6 bracketed, default port dropped). */
export function normalizeAllowedHost(host: string): string {
  if (host.startsWith('*.')) return host.toLowerCase();
  return new URL(`http://${host}`).host;
}

function hostMatches(pattern: string, url: URL): boolean {
  // A pattern is for names: `*.0.1` must not match the address 127.0.0.1.
  if (pattern.startsWith('*.')) return !net.isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) && url.host.endsWith(pattern.slice(1));
  return url.host === pattern || (url.protocol === 'https:' && !url.port && pattern === `${url.hostname}:443`);
}

function pathMatches(rule: ReadingAllowRule, url: URL): boolean {
  if (!rule.paths) return true;
  let decoded: string;
  try {
    // Decoded so that an encoded `%2F..%2F` cannot climb out of an allowed prefix.
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return false;
  }
  const target = path.posix.normalize(decoded);
  return rule.paths.some((prefix) => target.startsWith(prefix));
}

/**
 * The rule that allows reading `url`, and whether it names the URL's host itself (`explicit`: an
 * admin who names a host has chosen it, so its internal addresses are allowed) rather than through
 * a `*.` pattern.
 */
export function matchAllowRule(url: URL, rules: ReadingAllowRule[]): AllowMatch | null {
  for (const rule of rules) {
    const host = normalizeAllowedHost(rule.host);
    if (hostMatches(host, url) && pathMatches(rule, url)) return { rule, explicit: !host.startsWith('*.') };
  }
  return null;
}

/** The rules for `url`'s host whose paths do not include it (to say why it was refused). */
export function rulesForHostOnly(url: URL, rules: ReadingAllowRule[]): ReadingAllowRule[] {
  return rules.filter((rule) => hostMatches(normalizeAllowedHost(rule.host), url) && !pathMatches(rule, url));
}
