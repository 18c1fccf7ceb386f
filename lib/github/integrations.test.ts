import { describe, expect, it } from 'vitest';
import { blobUrl, parseGithubUrl } from './integrations';

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

  it('builds blob URLs', () => {
    expect(blobUrl(WEB, 'acme', 'orders', 'main', '/docs/a.md')).toBe('https://github.com/acme/orders/blob/main/docs/a.md');
  });
});
