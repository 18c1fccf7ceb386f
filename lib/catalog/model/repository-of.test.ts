import { describe, expect, it } from 'vitest';
import { repositoryOf } from './repository-of';

describe('repositoryOf', () => {
  it.each([
    [{ 'github.com/project-slug': 'Acme/Orders' }, { name: 'acme/orders', webUrl: null }],
    [
      { 'backstage.io/managed-by-location': 'url:https://github.com/acme/orders/blob/main/catalog-info.yaml' },
      { name: 'acme/orders', webUrl: 'https://github.com/acme/orders' },
    ],
    [
      { 'github.com/project-slug': 'acme/orders', 'backstage.io/managed-by-location': 'url:http://127.0.0.1:9/acme/orders/tree/main/' },
      { name: 'acme/orders', webUrl: 'http://127.0.0.1:9/acme/orders' },
    ],
    [
      {
        'github.com/project-slug': 'acme/payments',
        'backstage.io/managed-by-location': 'url:https://github.com/acme/catalog/blob/main/all.yaml',
      },
      { name: 'acme/payments', webUrl: null },
    ],
    [{ 'backstage.io/managed-by-location': 'file:/srv/catalog-info.yaml' }, null],
    [{ 'github.com/project-slug': 'not a slug' }, null],
    // "." and ".." are no repository: in an API path (/repos/acme/..) the HTTP client resolves them.
    [{ 'github.com/project-slug': 'acme/..' }, null],
    [{ 'github.com/project-slug': 'acme/.' }, null],
    [{ 'backstage.io/managed-by-location': 'url:https://github.com/acme/../blob/main/catalog-info.yaml' }, null],
  ])('from a trusted location: %j → %j', (annotations, expected) => {
    expect(repositoryOf({ metadata: { annotations } }, true)).toEqual(expected);
  });

  it('believes a slug from an untrusted location only when it names the descriptor’s own repository', () => {
    const own = {
      'github.com/project-slug': 'Bob/Tools',
      'backstage.io/managed-by-location': 'url:https://github.com/bob/tools/blob/main/catalog-info.yaml',
    };
    expect(repositoryOf({ metadata: { annotations: own } }, false)).toEqual({ name: 'bob/tools', webUrl: 'https://github.com/bob/tools' });

    const other = { ...own, 'github.com/project-slug': 'acme/secret-plans' };
    const repo = repositoryOf({ metadata: { annotations: other } }, false);
    expect(repo).toMatchObject({ name: 'acme/secret-plans', webUrl: null });
    expect(repo?.unbelieved).toMatch(/names a repository other than the one its descriptor is read from \(bob\/tools\)/);
  });
});
