import client from 'prom-client';

// One registry per process on globalThis: the custom server (request metrics) and Next's bundles
// (route handlers, jobs) load this module separately.
type Metrics = {
  registry: client.Registry;
  httpRequests: client.Counter<'method' | 'route' | 'status'>;
  httpDuration: client.Histogram<'method' | 'route'>;
  gauges: Map<string, () => Promise<Record<string, number>> | Record<string, number>>;
};

const KEY = Symbol.for('wayfinder.metrics');
const store = globalThis as unknown as { [KEY]?: Metrics };

export function getMetrics(): Metrics {
  if (store[KEY]) return store[KEY];
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'wayfinder_' });
  const gauges: Metrics['gauges'] = new Map();
  store[KEY] = {
    registry,
    gauges,
    httpRequests: new client.Counter({
      name: 'wayfinder_http_requests_total',
      help: 'HTTP requests served, by method, route group and status.',
      labelNames: ['method', 'route', 'status'],
      registers: [registry],
    }),
    httpDuration: new client.Histogram({
      name: 'wayfinder_http_request_duration_seconds',
      help: 'HTTP request latency in seconds, by method and route group.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2, 5],
      registers: [registry],
    }),
  };
  return store[KEY];
}

/** Registers a gauge whose labelled values are read at scrape time. */
export function registerGauge(
  name: string,
  help: string,
  label: string,
  read: () => Promise<Record<string, number>> | Record<string, number>,
): void {
  const { registry } = getMetrics();
  if (registry.getSingleMetric(name)) registry.removeSingleMetric(name);
  new client.Gauge({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [k, v] of Object.entries(await read())) this.set({ [label]: k }, v);
    },
  });
}

/**
 * The route groups requests are counted under: each section of the portal and each group of the
 * API. Any other path is `other`: every request is counted, signed in or not, so a label made from
 * the path itself would let anyone add series without bound.
 */
const ROUTE_GROUPS = new Set([
  '/',
  '/_next',
  '/admin',
  '/catalog',
  '/catalog-import',
  '/create',
  '/docs',
  '/initiatives',
  '/insights',
  '/locations',
  '/problems',
  '/scorecards',
  '/search',
  '/settings',
  '/sign-in',
  '/api/auth',
  '/api/catalog/analyze-location',
  '/api/catalog/entities',
  '/api/catalog/entity-facets',
  '/api/catalog/locations',
  '/api/catalog/refresh',
  '/api/catalog/validate-entity',
  '/api/docs',
  '/api/entity-choices',
  '/api/entity-suggestions',
  '/api/health',
  '/api/insights/export',
  '/api/insights/feedback',
  '/api/insights/metrics',
  '/api/metrics',
  '/api/scaffolder/v2',
  '/api/scorecards',
  '/api/search/query',
  '/api/webhooks/github',
]);

/** Groups a path into a bounded label (no ids or names), so metric cardinality stays small. */
export function routeLabel(pathname: string): string {
  const parts = pathname.split('/').filter(Boolean);
  const candidates = parts[0] === 'api' ? [`/api/${parts[1]}/${parts[2]}`, `/api/${parts[1]}`] : [`/${parts[0] ?? ''}`];
  return candidates.find((c) => ROUTE_GROUPS.has(c)) ?? 'other';
}

export function recordRequest(method: string, pathname: string, status: number, seconds: number): void {
  const m = getMetrics();
  const route = routeLabel(pathname);
  m.httpRequests.inc({ method, route, status: String(status) });
  m.httpDuration.observe({ method, route }, seconds);
}
