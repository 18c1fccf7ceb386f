import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import next from 'next';
import { GET as entityByName } from '@/app/api/catalog/entities/by-name/[kind]/[namespace]/[name]/route';
import { GET as entitiesByQuery } from '@/app/api/catalog/entities/by-query/route';
import { GET as entityFacets } from '@/app/api/catalog/entity-facets/route';
import { GET as searchQuery } from '@/app/api/search/query/route';
import { PEER_HEADER } from '@/lib/auth/local-sign-in';
import { getEnv } from '@/lib/env';
import { serveDirect, type DirectRoute } from '@/lib/http/direct-route';
import { warmUp } from '@/lib/http/warm-up';
import { exitOnTermination, getLogger } from '@/lib/observability/logger';
import { recordRequest } from '@/lib/observability/metrics';
import { databaseReady, whenDatabaseReady } from '@/lib/runtime/database-ready';

// Production server (`npm start`): Next's request handler wrapped with what every request needs:
// a request id (x-request-id, kept when a proxy sent one), a structured access log, and the request
// count/latency metrics served by /api/metrics. Start-up itself happens in instrumentation.ts.
const env = getEnv();
const dev = env.NODE_ENV === 'development' && process.argv.includes('--dev');
const log = getLogger();
exitOnTermination();
const app = next({ dev, hostname: env.HOSTNAME, port: env.PORT });
const handle = app.getRequestHandler();

await app.prepare();

// Served without Next's per-request machinery (lib/http/direct-route.ts): GET by-name, by-query,
// entity-facets and search's query (whose kept answers took 3–10 ms through Next, most of it Next's
// work); any other form of these paths (escapes, a trailing slash, HEAD, POST) goes to Next.
// Until start-up has migrated the database they wait for it (a read would fail on a missing table).
// Start-up runs in instrumentation.ts, which Next calls on the first request it handles: the warm-up
// request sent on listening.
// Names are Backstage's [a-zA-Z0-9-_.] and kinds and namespaces plainer still.
const SEGMENT = '([A-Za-z0-9_.~-]+)';
const DIRECT: DirectRoute<unknown>[] = [
  {
    pattern: new RegExp(`^/api/catalog/entities/by-name/${SEGMENT}/${SEGMENT}/${SEGMENT}$`),
    params: (m) => ({ kind: m[1], namespace: m[2], name: m[3] }),
    handler: entityByName as DirectRoute<unknown>['handler'],
  },
  { pattern: /^\/api\/catalog\/entities\/by-query$/, params: () => ({}), handler: entitiesByQuery },
  { pattern: /^\/api\/catalog\/entity-facets$/, params: () => ({}), handler: entityFacets },
  { pattern: /^\/api\/search\/query$/, params: () => ({}), handler: searchQuery },
];

const server = createServer((req, res) => {
  const started = performance.now();
  const id = (typeof req.headers['x-request-id'] === 'string' && req.headers['x-request-id'].slice(0, 100)) || randomUUID();
  req.headers['x-request-id'] = id;
  // The connection's own address, over any a client sent: where local sign-in is taken from (lib/auth/local-sign-in.ts).
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? '';
  res.setHeader('x-request-id', id);
  const pathname = (req.url ?? '/').split('?')[0];
  res.on('finish', () => {
    const seconds = (performance.now() - started) / 1000;
    recordRequest(req.method ?? 'GET', pathname, res.statusCode, seconds);
    if (!pathname.startsWith('/_next/')) {
      log.info({ reqId: id, method: req.method, path: pathname, status: res.statusCode, ms: Math.round(seconds * 1000) }, 'request');
    }
  });
  const serve = () => serveDirect(req, res, DIRECT) || handle(req, res);
  const waits = !databaseReady() && DIRECT.some((route) => route.pattern.test(pathname));
  (waits ? whenDatabaseReady().then(serve) : serve()).catch((err: unknown) => {
    log.error({ err, reqId: id }, 'unhandled request error');
    if (!res.headersSent) res.writeHead(500).end('Internal Server Error');
  });
});
// Idle keep-alive connections are closed after 65 s, not Node's 5 s: a client or proxy (a load
// balancer keeps them 60 s) that reuses one just as the server closes it gets a reset, not an answer.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(env.PORT, env.HOSTNAME, () => {
  log.info({ url: `http://${env.HOSTNAME === '0.0.0.0' ? 'localhost' : env.HOSTNAME}:${env.PORT}` }, 'Wayfinder is listening');
  // GitHub's deliveries are answered in milliseconds from the first one: loading the webhook route's
  // modules on the first delivery after a start cost it ~250 ms (16 ms afterwards). Being the first
  // request Next handles, it also starts Wayfinder (instrumentation.ts), whatever else arrives.
  void warmUp(server.address() as AddressInfo, ['/api/webhooks/github']);
});
