import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpError } from './http-error';
import { REQUEST_LOG_SIZE, type Token, type User, type World } from './model';
import type { StandInState } from './state';
import { wantsPage } from '../web-page';

// Request plumbing shared by every route: routing, auth, rate limiting (primary and secondary),
// ETags, forced faults, and a log of the requests answered.
// Behaviour follows https://docs.github.com/rest/using-the-rest-api (rate limits, conditional
// requests: a 304 does not count against the primary rate limit).

export interface Req {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  rawBody: string;
  body: Record<string, unknown>;
}

export interface RouteCtx {
  state: StandInState;
  world: World;
  base: string;
  /** The token's user (API routes only). */
  actor: User;
  token: Token;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Pre-encoded body (HTML pages, urlencoded OAuth answers). */
  text?: string;
}

export interface Route {
  method: string;
  /** '/repos/:owner/:repo/contents/*path' — ':x' is one segment, '*x' the (possibly empty) rest. */
  pattern: string;
  handler: (req: Req, ctx: RouteCtx) => Reply | Promise<Reply>;
  /** OAuth web endpoints are not API calls: no token, no rate limit. */
  web?: boolean;
}

export function matchRoute(routes: Route[], method: string, path: string): { route: Route; params: Record<string, string> } | undefined {
  const segs = path.split('/').slice(1);
  for (const route of routes) {
    if (route.method !== method && !(method === 'HEAD' && route.method === 'GET')) continue;
    const pat = route.pattern.split('/').slice(1);
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pat.length && ok; i++) {
      const p = pat[i]!;
      if (p.startsWith('*')) {
        params[p.slice(1)] = segs.slice(i).map(decodeURIComponent).join('/');
        return { route, params };
      }
      const s = segs[i];
      if (s === undefined) ok = false;
      else if (p.startsWith(':')) params[p.slice(1)] = decodeURIComponent(s);
      else ok = p === s;
    }
    if (ok && segs.length === pat.length) return { route, params };
  }
  return undefined;
}

/** page/per_page slicing with GitHub's Link header (first/prev/next/last). */
export function paginate<T>(req: Req, base: string, items: T[]): Reply & { body: T[] } {
  const perPage = Math.min(Math.max(Number(req.query.get('per_page') ?? 30) || 30, 1), 100);
  const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const link = (p: number, rel: string) => {
    const q = new URLSearchParams(req.query);
    q.set('per_page', String(perPage));
    q.set('page', String(p));
    return `<${base}${req.path}?${q}>; rel="${rel}"`;
  };
  const links = [
    ...(page > 1 ? [link(page - 1, 'prev')] : []),
    ...(page < last ? [link(page + 1, 'next'), link(last, 'last')] : []),
    ...(page > 1 ? [link(1, 'first')] : []),
  ];
  return { body: items.slice((page - 1) * perPage, page * perPage), headers: links.length ? { link: links.join(', ') } : {} };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw) return {};
  if (contentType?.includes('application/x-www-form-urlencoded')) return Object.fromEntries(new URLSearchParams(raw));
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    throw new HttpError(400, 'Problems parsing JSON');
  }
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | undefined, head: boolean) {
  res.writeHead(status, headers);
  res.end(head ? undefined : body);
}

function rateHeaders(w: World): Record<string, string> {
  const rl = w.rateLimit;
  return {
    'x-ratelimit-limit': String(rl.limit),
    'x-ratelimit-remaining': String(Math.max(rl.remaining, 0)),
    'x-ratelimit-reset': String(rl.reset),
    'x-ratelimit-used': String(rl.limit - Math.max(rl.remaining, 0)),
    'x-ratelimit-resource': 'core',
  };
}

/** `pages`: web pages served to a browser (`wantsPage`) at paths no web route of `routes` takes. */
export function createHandler(state: StandInState, routes: Route[], base: () => string, pages: Route[] = []) {
  const world = state.world;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const head = req.method === 'HEAD';
    const common: Record<string, string> = {
      'x-github-request-id': randomUUID().toUpperCase(),
      'x-github-media-type': 'github.v3; format=json',
    };
    const json = (status: number, body: unknown, extra: Record<string, string> = {}) =>
      send(res, status, { ...common, 'content-type': 'application/json; charset=utf-8', ...extra }, JSON.stringify(body), head);
    try {
      // A repository by a former name (renamed, transferred) answers with a redirect to its id, and
      // /repositories/<id>/… is the repository's API by id: GitHub's "HTTP redirects" (301 for
      // GET and HEAD, 307 otherwise, the request to be repeated at Location).
      const former = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(url.pathname);
      const movedId =
        former && !world.repo(former[1]!, former[2]!) ? world.formerRepoNames.get(`${former[1]}/${former[2]}`.toLowerCase()) : undefined;
      if (movedId !== undefined) {
        const location = `${base()}/repositories/${movedId}${former![3] ?? ''}${url.search}`;
        const status = req.method === 'GET' || head ? 301 : 307;
        return json(
          status,
          {
            message: status === 301 ? 'Moved Permanently' : 'Temporary Redirect',
            url: location,
            documentation_url: 'https://docs.github.com/v3/#http-redirects',
          },
          { location },
        );
      }
      const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(url.pathname);
      const repoById = byId ? world.repoById(Number(byId[1])) : undefined;
      if (repoById) url.pathname = `/repos/${repoById.owner}/${repoById.name}${byId![2] ?? ''}`;
      const path = url.pathname.replace(/\/+$/, '') || '/';
      const route = matchRoute(routes, req.method ?? 'GET', path);
      const m = route?.route.web || !wantsPage(req.method ?? 'GET', req.headers.accept) ? route : (matchRoute(pages, 'GET', path) ?? route);
      const rawBody = await readBody(req);
      const r: Req = {
        method: req.method ?? 'GET',
        path: url.pathname,
        params: m?.params ?? {},
        query: url.searchParams,
        headers: req.headers,
        rawBody,
        body: {},
      };
      if (m?.route.web) {
        r.body = parseBody(rawBody, req.headers['content-type']);
        const reply = await m.route.handler(r, { state, world, base: base(), actor: undefined as never, token: undefined as never });
        const headers = { ...common, ...reply.headers };
        if (reply.text !== undefined) return send(res, reply.status ?? 200, headers, reply.text, head);
        return json(reply.status ?? 200, reply.body, reply.headers);
      }
      res.once('finish', () => {
        world.requestLog.push({ method: r.method, path: url.pathname.replace(/%2F/gi, '/'), status: res.statusCode, at: Date.now() });
        if (world.requestLog.length > REQUEST_LOG_SIZE) world.requestLog.shift();
      });
      const fault = world.faults.shift();
      if (fault)
        return json(fault, {
          message: fault === 502 ? 'Server Error' : 'Internal Server Error',
          documentation_url: 'https://docs.github.com/rest',
          status: String(fault),
        });

      if (!m) throw new HttpError(404, 'Not Found');
      const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      const token = auth ? world.tokens.get(auth[1]!) : undefined;
      const actor = token ? world.user(token.login) : undefined;
      if (!token || !actor) throw new HttpError(401, auth ? 'Bad credentials' : 'Requires authentication');
      common['x-oauth-scopes'] = token.scopes.join(', ');
      common['x-accepted-oauth-scopes'] = '';

      const rl = world.rateLimit;
      const nowSec = Math.floor(Date.now() / 1000);
      if (rl.reset <= nowSec) Object.assign(rl, { remaining: rl.limit, reset: nowSec + rl.windowSeconds });
      Object.assign(common, rateHeaders(world));
      const isRateLimitRoute = m!.route.pattern === '/rate_limit';
      if (rl.remaining <= 0 && !isRateLimitRoute) {
        throw new HttpError(
          rl.exhaustedStatus,
          `API rate limit exceeded for user ID ${actor.id}.`,
          {},
          { 'retry-after': String(Math.max(rl.reset - nowSec, 1)) },
        );
      }

      // https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
      const secondary = r.method !== 'GET' && r.method !== 'HEAD' ? world.secondaryLimits.shift() : undefined;
      if (secondary) {
        throw new HttpError(
          secondary.status,
          `You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID ${common['x-github-request-id']}.`,
          {},
          { 'retry-after': String(secondary.retryAfter) },
        );
      }

      r.body = parseBody(rawBody, req.headers['content-type']);
      const reply = await m.route.handler(r, { state, world, base: base(), actor, token });
      const status = reply.status ?? 200;
      const body = reply.text ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body));
      const etag =
        body !== undefined && r.method === 'GET' ? `W/"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` : undefined;
      const inm = req.headers['if-none-match'];
      if (etag && status === 200 && inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''))) {
        return send(res, 304, { ...common, etag, ...reply.headers }, undefined, true);
      }
      if (!isRateLimitRoute) rl.remaining -= 1;
      Object.assign(common, rateHeaders(world));
      const headers = { ...common, ...(etag ? { etag } : {}), ...reply.headers };
      if (body === undefined) return send(res, status, headers, undefined, true);
      return send(res, status, { 'content-type': 'application/json; charset=utf-8', ...headers }, body, head);
    } catch (err) {
      if (err instanceof HttpError) return json(err.status, err.body(), err.headers);
      console.error('[github stand-in]', err);
      return json(500, { message: 'Internal Server Error', documentation_url: 'https://docs.github.com/rest', status: '500' });
    }
  };
}
