import 'server-only';
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { getConfig } from '@/lib/config/load-config';
import { refusedAddressReason } from './address-rules';
import type { ReadingAllowRule } from '@/lib/config/schema';
import { matchAllowRule, rulesForHostOnly, type AllowMatch } from './allow-list';

// The one way the server reads a URL that came from a user or a repository when no integration
// serves it: only hosts in backend.reading.allow, never the machine's own or private networks
// unless an admin named the host, redirects followed by hand and each hop checked again, and the
// connection made to the very address that was checked (no DNS rebinding between check and use).

export type Resolver = typeof dns.lookup;
export type ReadOptions = { maxBytes: number; allow?: ReadingAllowRule[]; resolve?: Resolver };

const MAX_REDIRECTS = 5;
const TIMEOUT_MS = 15_000;
const ADVICE =
  'reads are allowed only from configured integrations (integrations.github) and backend.reading.allow — add it there if it is intended';

/** A refusal by the read policy (not a network failure): its message names the rule. */
export class ReadRefusedError extends Error {
  override name = 'ReadRefusedError';
}

function bareHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

function looksLikeGithub(url: URL): boolean {
  return /(^|\.)github\.com$|^raw\.githubusercontent\.com$/.test(url.hostname) || /^\/[^/]+\/[^/]+\/(blob|tree)\//.test(url.pathname);
}

/** The allow-list rule that lets the server read `url`, or why it may not. */
export function checkReadUrl(url: URL, allow: ReadingAllowRule[]): { match: AllowMatch } | { refused: string } {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { refused: `${url.protocol} URLs cannot be read; only http and https` };
  if (url.username || url.password) return { refused: 'URLs with a user name or password cannot be read' };
  const match = matchAllowRule(url, allow);
  if (match) return { match };
  const literal = net.isIP(bareHost(url)) ? refusedAddressReason(bareHost(url)) : null;
  if (literal) return { refused: `host ${url.hostname} is ${literal}; ${ADVICE}` };
  if (looksLikeGithub(url)) {
    return {
      refused: `no GitHub integration is configured for host ${url.host}; add one under integrations.github in wayfinder.config.yaml (host: ${url.host}, with a token or a GitHub App) to read it`,
    };
  }
  const forHost = rulesForHostOnly(url, allow);
  if (forHost.length) {
    return {
      refused: `backend.reading.allow allows host ${url.host} only under ${forHost.flatMap((r) => r.paths ?? []).join(', ')}; ${ADVICE}`,
    };
  }
  return { refused: `host ${url.host} is not allowed; ${ADVICE}` };
}

/**
 * A lookup that resolves like dns.lookup but fails when any address is internal; net.connect uses
 * the addresses it returns, so what was checked is what is connected to.
 */
export function guardedLookup(resolve: Resolver, pattern: string): net.LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as dns.LookupAddress[];
      for (const a of list) {
        const reason = refusedAddressReason(a.address);
        if (reason) {
          const message = `host ${hostname} resolves to ${a.address}, ${reason}; backend.reading.allow allows it only through the pattern ${pattern}, which does not reach internal addresses — name the host itself there if it is intended`;
          return callback(new ReadRefusedError(message), '', 0);
        }
      }
      if (!list.length) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) callback(null, list);
      else callback(null, list[0].address, list[0].family);
    });
  };
}

function get(url: URL, lookup: net.LookupFunction, signal: AbortSignal): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.protocol === 'https:' ? https : http;
    // agent: false: a fresh connection per request, so no pooled socket skips the lookup.
    const req = client.get(url, { agent: false, signal, lookup, headers: { 'user-agent': 'Wayfinder', accept: '*/*' } }, resolve);
    req.on('error', reject);
  });
}

async function readBody(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<string> {
  const declared = Number(res.headers['content-length']);
  if (declared > maxBytes) {
    res.destroy();
    throw new Error(`${url} is ${declared} bytes; the limit is ${maxBytes} bytes`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      res.destroy();
      throw new Error(`${url} is larger than the limit of ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function networkError(where: string, err: Error & { code?: string }): Error {
  if (err.name === 'AbortError') return new Error(`${where} did not answer within ${TIMEOUT_MS / 1000} seconds`);
  return new Error(`${where} could not be read: ${err.code ?? err.message}`);
}

/** GETs `target` as text under the read policy (backend.reading.allow unless `allow` is given). */
export async function fetchAllowedText(target: string, options: ReadOptions): Promise<string> {
  const allow = options.allow ?? getConfig().backend.reading.allow;
  const signal = AbortSignal.timeout(TIMEOUT_MS);
  let url = new URL(target);
  for (let hop = 0; ; hop++) {
    const where = hop === 0 ? target : `${target} redirected to ${url}`;
    const verdict = checkReadUrl(url, allow);
    if ('refused' in verdict) throw new ReadRefusedError(`${where}: ${verdict.refused}`);
    const resolve = options.resolve ?? dns.lookup;
    const lookup = verdict.match.explicit ? (resolve as unknown as net.LookupFunction) : guardedLookup(resolve, verdict.match.rule.host);
    const res = await get(url, lookup, signal).catch((err: Error & { code?: string }) => {
      if (err instanceof ReadRefusedError) throw new ReadRefusedError(`${where}: ${err.message}`);
      throw networkError(where, err);
    });
    const status = res.statusCode ?? 0;
    if (status >= 300 && status < 400 && res.headers.location) {
      res.resume();
      if (hop >= MAX_REDIRECTS) throw new Error(`${target} redirected more than ${MAX_REDIRECTS} times`);
      url = new URL(res.headers.location, url);
      continue;
    }
    if (status < 200 || status >= 300) {
      res.resume();
      throw new Error(`${where} answered HTTP ${status}`);
    }
    return readBody(res, url, options.maxBytes).catch((err: Error & { code?: string }) => {
      throw err.name === 'AbortError' ? networkError(where, err) : err;
    });
  }
}
