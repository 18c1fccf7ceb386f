import { describe, expect, it } from 'vitest';
import { blobUrl, parseGithubUrl, withoutTrailingSlashes } from './integrations';

const WEB = 'https://github.com';

describe('parseGithubUrl', () => {
  it.each([
    ['https://github.com/acme', { kind: 'org', org: 'acme' }],
    ['https://github.com/acme/orders.git', { kind: 'repo', owner: 'acme', repo: 'orders' }],
    [
      'https://github.com/acme/orders/blob/main/catalog-info.yaml',
      { kind: 'blob', owner: 'acme', repo: 'orders', ref: 'main', path: 'catalog-info.yaml' },
    ],
    [
      'https://github.com/acme/orders/tree/main/services/api?x=1',
      { kind: 'tree', owner: 'acme', repo: 'orders', ref: 'main', path: 'services/api' },
    ],
    ['https://gitlab.com/acme/orders', null],
    ['https://github.com/acme/orders/issues/3', null],
  ])('%s', (url, expected) => {
    expect(parseGithubUrl(url, WEB)).toEqual(expected);
  });

  it('reads a percent-encoded character in a path', () => {
    expect(parseGithubUrl('https://github.com/acme/orders/blob/main/docs/r%C3%A9sum%C3%A9%20v2.md', WEB)).toEqual({
      kind: 'blob',
      owner: 'acme',
      repo: 'orders',
      ref: 'main',
      path: 'docs/résumé v2.md',
    });
  });

  // Each part goes into a GitHub API path (/repos/{owner}/{repo}/contents/{path}, …/git/trees/{ref}):
  // a "." or ".." there is resolved by the HTTP client and addresses another endpoint, and a "/"
  // decoded from %2F moves a part into the next one (a repository named "../blob/main/x").
  it.each([
    'https://github.com/acme/orders/blob/main/..%2F..%2Fother-repo/file',
    'https://github.com/acme/orders/blob/main/../../x',
    'https://github.com/acme/orders/blob/main/./x',
    'https://github.com/acme/orders/blob/main/docs/%2E%2E/x',
    'https://github.com/acme/%2E%2E/blob/main/x',
    'https://github.com/acme/..',
    'https://github.com/acme/..%2Fblob%2Fmain%2Fx',
    'https://github.com/acme%2Forders/x',
    'https://github.com/acme/orders/blob/..%2F..%2Fx/catalog-info.yaml',
    'https://github.com/acme/orders/tree/main/docs%2F..',
  ])('refuses a "." or ".." part, or a "/" decoded inside one: %s', (url) => {
    expect(parseGithubUrl(url, WEB)).toBeNull();
  });

  it('reads only URLs of the web base itself, not of a host that starts like it', () => {
    expect(parseGithubUrl('https://github.com.evil.example/acme/orders', WEB)).toBeNull();
    expect(parseGithubUrl('https://github.comx/acme', WEB)).toBeNull();
    expect(parseGithubUrl('https://github.com/acme/orders?tab=readme', WEB)).toEqual({ kind: 'repo', owner: 'acme', repo: 'orders' });
  });

  it.each([
    'https://github.com/acme/orders/blob/main/%E0%A4%A',
    'https://github.com/acme/orders/blob/main/100%.yaml',
    'https://github.com/%zz',
  ])('takes a URL with a malformed percent escape for no GitHub URL, without throwing: %s', (url) => {
    expect(parseGithubUrl(url, WEB)).toBeNull();
  });

  it('builds blob URLs', () => {
    expect(blobUrl(WEB, 'acme', 'orders', 'main', '/docs/a.md')).toBe('https://github.com/acme/orders/blob/main/docs/a.md');
  });
});

describe('withoutTrailingSlashes', () => {
  it('takes off the slashes at the end only', () => {
    expect(['docs/', 'docs//', 'a/b', '/', ''].map(withoutTrailingSlashes)).toEqual(['docs', 'docs', 'a/b', '', '']);
  });

  it('takes the slashes off 200,000 slashes in time that grows with their number, not its square', () => {
    // parseGithubUrl no longer yields such a path (it refuses a %2F inside a part, and drops empty
    // parts), but the helper is held to linear time on its own.
    const started = performance.now();
    expect(withoutTrailingSlashes(`a${'/'.repeat(200_000)}b/`)).toBe(`a${'/'.repeat(200_000)}b`);
    expect(withoutTrailingSlashes(`a${'/'.repeat(200_000)}`)).toBe('a');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(parseGithubUrl(`${WEB}/acme/orders/tree/main/a${'%2F'.repeat(200_000)}b/`, WEB)).toBeNull();
  });
});
