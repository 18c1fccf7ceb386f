import { describe, expect, it } from 'vitest';
import { appPaths } from '@/testing/app-paths';
import { getMetrics, recordRequest, routeLabel } from './metrics';

describe('routeLabel', () => {
  it('puts every page and route of the app in a group of its own section', () => {
    const paths = appPaths('app', { routes: true, param: () => 'x' });
    expect(paths.length).toBeGreaterThan(60);
    expect(paths.filter((p) => routeLabel(p) === 'other')).toEqual([]);
    expect(routeLabel('/catalog/component/default/orders/docs')).toBe('/catalog');
    expect(routeLabel('/api/catalog/entities/by-name/component/default/orders')).toBe('/api/catalog/entities');
    expect(routeLabel('/api/docs/default/component/orders/page/index')).toBe('/api/docs');
    expect(routeLabel('/_next/static/chunks/app.js')).toBe('/_next');
  });

  it('keeps the labels bounded whatever paths anyone asks for', async () => {
    for (let i = 0; i < 2000; i++) {
      recordRequest('GET', `/probe-${i}`, 404, 0.001);
      recordRequest('GET', `/api/probe-${i}/x`, 401, 0.001);
      recordRequest('GET', `/api/catalog/probe-${i}`, 404, 0.001);
    }
    const text = await getMetrics().registry.getSingleMetricAsString('wayfinder_http_requests_total');
    const routes = new Set([...text.matchAll(/route="([^"]*)"/g)].map((m) => m[1]));
    expect([...routes]).toEqual(['other']);
  });
});
