import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { gzip, gzipSync } from 'node:zlib';
import { responseText } from './response-text';
import { API_POLICY, baseSecurityHeaders, isHttps } from './security-headers';

// The production server (scripts/server.ts) answers the catalog API's hottest reads (by-name,
// by-query, entity-facets) by calling their route handlers itself instead of going through Next:
// the handler is the same function (authentication, permission, query, errors), and the answer
// carries the same headers proxy.ts, next.config.mjs and Next put on it. What it skips is Next's
// per-request work around a route handler (routing, proxy.ts, the response stream), about 4 ms of
// CPU a request, which was most of by-name's time: the query itself takes a fraction of that.

/**
 * Answers from this size on are gzip-compressed when the client accepts it, at the fastest level.
 * Next compresses from 1 KB; a by-name answer (2–3 KB) costs more to compress than to send.
 */
const GZIP_FROM_BYTES = 16 * 1024;
/**
 * Answers up to this size are compressed on the event loop: zlib's asynchronous path costs about
 * 1.6 ms of CPU more per answer (its stream, the thread-pool trip and closing the handle), so a page
 * of 50 entities (77 KB) took 1.6–2.0 ms that way and takes 0.15–0.25 ms in one synchronous call
 * (the server's CPU per by-query request at 10k: 7.0–8.4 ms → 5.0–5.8 ms). Larger answers (up to
 * 5 ms in one call at 1.4 MB) go to the thread pool, in one output chunk.
 */
const GZIP_SYNC_MAX_BYTES = 256 * 1024;
const GZIP_CHUNK_MAX = 1024 * 1024;
const gzipAsync = promisify(gzip);

/** A handler as app/ route files export them. */
export type RouteHandler<P> = (req: Request, ctx: { params: Promise<P> }) => Promise<Response>;

export type DirectRoute<P> = { pattern: RegExp; params: (m: RegExpExecArray) => P; handler: RouteHandler<P> };

/** What Next adds to every App Router answer (its client caches vary on them). */
const NEXT_VARY = 'rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch';

/**
 * Serves `req` with the first route whose pattern matches its path, for GET only; false when none
 * does (Next serves it). Patterns must only match paths that Next would route to that handler with
 * the same params: plain segments, no escapes to decode, no trailing slash.
 */
export function serveDirect(req: IncomingMessage, res: ServerResponse, routes: DirectRoute<unknown>[]): Promise<void> | false {
  if (req.method !== 'GET' || !req.url) return false;
  const q = req.url.indexOf('?');
  const pathname = q === -1 ? req.url : req.url.slice(0, q);
  for (const route of routes) {
    const m = route.pattern.exec(pathname);
    if (m) return respond(req, res, route, m);
  }
  return false;
}

async function respond<P>(req: IncomingMessage, res: ServerResponse, route: DirectRoute<P>, m: RegExpExecArray): Promise<void> {
  const base = `http://${req.headers.host ?? 'localhost'}`;
  // Node passes any Host header on (`a b`, `exa%mple`): one that names no host is the client's error, not a 500.
  if (!URL.canParse(req.url!, base)) {
    const message = `the Host header (${JSON.stringify(req.headers.host)}) is not a valid host`;
    const body = JSON.stringify({
      error: { name: 'InputError', message },
      request: { method: 'GET', url: m[0] },
      response: { statusCode: 400 },
    });
    res
      .writeHead(400, { 'content-type': 'application/json', 'Content-Security-Policy': API_POLICY, ...baseSecurityHeaders(false) })
      .end(body);
    return;
  }
  const url = new URL(req.url!, base);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const response = await route.handler(new Request(url, { method: 'GET', headers }), { params: Promise.resolve(route.params(m)) });
  const text = responseText(response);
  let body = text === undefined ? Buffer.from(await response.arrayBuffer()) : Buffer.from(text);
  const compress = body.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
  if (compress) {
    body =
      body.length <= GZIP_SYNC_MAX_BYTES
        ? gzipSync(body, { level: 1 })
        : await gzipAsync(body, { level: 1, chunkSize: Math.min(body.length, GZIP_CHUNK_MAX) });
  }
  const forwardedProto = req.headers['x-forwarded-proto'];
  const out: Record<string, string> = {
    ...Object.fromEntries(response.headers),
    'Content-Security-Policy': API_POLICY,
    ...baseSecurityHeaders(isHttps(url, typeof forwardedProto === 'string' ? forwardedProto : null)),
    Vary: compress ? `${NEXT_VARY}, Accept-Encoding` : NEXT_VARY,
    ...(compress ? { 'Content-Encoding': 'gzip' } : {}),
    'Content-Length': String(body.length),
  };
  res.writeHead(response.status, out).end(body);
}
