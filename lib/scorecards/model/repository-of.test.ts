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
    [{ 'backstage.io/managed-by-location': 'file:/srv/catalog-info.yaml' }, null],
    [{ 'github.com/project-slug': 'not a slug' }, null],
  ])('%j → %j', (annotations, expected) => {
    expect(repositoryOf({ metadata: { annotations } })).toEqual(expected);
  });
});
