import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROUTE_PATTERNS, routePatternOf } from './route-patterns';

const PORTAL = path.resolve(import.meta.dirname, '../../../app/(portal)');

describe('route patterns', () => {
  it('lists exactly the portal’s pages', () => {
    const pages = readdirSync(PORTAL, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('page.tsx'))
      // Route groups such as (list) are not part of the URL.
      .map((f) => `/${path.dirname(f).split(path.sep).join('/')}`.replace(/\/\.$/, '').replace(/\/\([^/]+\)/g, '') || '/')
      .map((p) => (p === '/.' ? '/' : p));
    expect([...pages].sort()).toEqual([...ROUTE_PATTERNS].sort());
  });

  it.each([
    ['/', '/'],
    ['/catalog', '/catalog'],
    ['/catalog/new', '/catalog/new'],
    ['/catalog/component/default/orders', '/catalog/[kind]/[namespace]/[name]'],
    ['/catalog/component/default/orders/', '/catalog/[kind]/[namespace]/[name]'],
    ['/catalog/component/default/orders/docs', '/catalog/[kind]/[namespace]/[name]/docs/[[...path]]'],
    ['/catalog/component/default/orders/docs/runbooks/on-call', '/catalog/[kind]/[namespace]/[name]/docs/[[...path]]'],
    ['/create/tasks/4b1f0c2e-aaaa-bbbb-cccc-123456789abc', '/create/tasks/[taskId]'],
    ['/search?q=secret+project', '/search'],
    ['/locations/123', '/locations/[id]'],
  ])('%s → %s', (visited, pattern) => expect(routePatternOf(visited)).toBe(pattern));

  it.each(['/nowhere', '/catalog/component', '/api/catalog/entities', '/create/tasks/1/extra'])(
    '%s is no portal page: not recorded',
    (visited) => {
      expect(routePatternOf(visited)).toBeNull();
    },
  );
});
