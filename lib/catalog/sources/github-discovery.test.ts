import { describe, expect, it } from 'vitest';
import { parseDiscoveryTarget } from './github-discovery';

const WEB = 'https://github.com';

describe('parseDiscoveryTarget', () => {
  it('defaults to every repository, the default branch and catalog-info.yaml', () => {
    const t = parseDiscoveryTarget('https://github.com/acme', WEB);
    expect(t).toMatchObject({ org: 'acme', branch: null, path: 'catalog-info.yaml', topic: null });
    expect(t.repoPattern.test('anything')).toBe(true);
  });

  it("reads Backstage's form with a repository glob, branch and path, and a topic filter", () => {
    const t = parseDiscoveryTarget('https://github.com/acme/*-service/blob/develop/.backstage/catalog.yaml?topic=backstage', WEB);
    expect(t).toMatchObject({ org: 'acme', branch: 'develop', path: '.backstage/catalog.yaml', topic: 'backstage' });
    expect(t.repoPattern.test('orders-service')).toBe(true);
    expect(t.repoPattern.test('orders-web')).toBe(false);
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
