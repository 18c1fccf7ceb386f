import { describe, expect, it } from 'vitest';
import { globMatches, parseDiscoveryTarget } from './github-discovery';

const WEB = 'https://github.com';

describe('parseDiscoveryTarget', () => {
  it('defaults to every repository, the default branch and catalog-info.yaml', () => {
    const t = parseDiscoveryTarget('https://github.com/acme', WEB);
    expect(t).toMatchObject({ org: 'acme', branch: null, path: 'catalog-info.yaml', topic: null });
    expect(t.matchesRepo('anything')).toBe(true);
  });

  it("reads Backstage's form with a repository glob, branch and path, and a topic filter", () => {
    const t = parseDiscoveryTarget('https://github.com/acme/*-service/blob/develop/.backstage/catalog.yaml?topic=backstage', WEB);
    expect(t).toMatchObject({ org: 'acme', branch: 'develop', path: '.backstage/catalog.yaml', topic: 'backstage' });
    expect(t.matchesRepo('orders-service')).toBe(true);
    expect(t.matchesRepo('orders-web')).toBe(false);
  });

  it('treats "-" as the default branch', () => {
    expect(parseDiscoveryTarget('https://github.com/acme/*/blob/-/catalog-info.yaml', WEB).branch).toBeNull();
  });

  it('explains a malformed target', () => {
    expect(() => parseDiscoveryTarget('https://github.com/acme/x/tree/main', WEB)).toThrow(
      'expected https://github.com/<org>/<repo-pattern>/blob/<branch or ->/<path>',
    );
  });
});

describe('globMatches', () => {
  it.each([
    ['*', '', true],
    ['*', 'orders', true],
    ['orders', 'Orders', true],
    ['orders', 'orders-api', false],
    ['*-service', 'orders-service', true],
    ['*-service', 'orders-service-2', false],
    ['team-*-api', 'team-orders-api', true],
    ['team-*-api', 'team--api', true],
    ['team-*-api', 'team-api', false],
    ['a*b*c', 'abc', true],
    ['a*b*c', 'aXbYbZc', true],
    ['a*b*c', 'aXbYcZ', false],
    ['**x', 'yx', true],
    ['a.b', 'aXb', false],
    ['a.b', 'a.b', true],
  ])('%s against %s: %s', (glob, name, expected) => {
    expect(globMatches(glob, name)).toBe(expected);
  });

  it('takes time in proportion to the glob and the name, not exponential in the stars', () => {
    const started = performance.now();
    // As a regex (^a.*a.*…b$) this one took ~70 s.
    expect(globMatches(`${'a*'.repeat(12)}b`, 'a'.repeat(40))).toBe(false);
    expect(globMatches(`${'*-'.repeat(50)}x`, `${'a-'.repeat(99)}a`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000); // far under the regex's, with room for a loaded CI machine
  });
});
