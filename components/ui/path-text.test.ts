import { describe, expect, it } from 'vitest';
import { distinctTails } from './path-text';

// The locations pages show each path by the end that tells it apart from the others.
describe('distinctTails', () => {
  const ex = '/data/editable/examples-1a2b';
  it.each([
    [
      [
        `${ex}/catalog-info.yaml`,
        `${ex}/components/acme-cli/catalog-info.yaml`,
        `${ex}/components/booking/catalog-info.yaml`,
        `${ex}/org/users.yaml`,
      ],
      ['…/examples-1a2b/catalog-info.yaml', '…/acme-cli/catalog-info.yaml', '…/booking/catalog-info.yaml', '…/org/users.yaml'],
    ],
    // Two files of the same folder name in different trees: as many segments as it takes.
    [
      [`${ex}/components/acme-cli/catalog-info.yaml`, '/src/examples/components/acme-cli/catalog-info.yaml'],
      ['…/examples-1a2b/components/acme-cli/catalog-info.yaml', '…/examples/components/acme-cli/catalog-info.yaml'],
    ],
    [
      [
        'http://gh.local/acme',
        'http://gh.local/acme/shipments/blob/main/catalog-info.yaml',
        'http://gh.local/acme/tracking/blob/main/catalog-info.yaml',
      ],
      ['…/gh.local/acme', '…/shipments/blob/main/catalog-info.yaml', '…/tracking/blob/main/catalog-info.yaml'],
    ],
    // Short paths, or one that is the end of another, stay whole.
    [
      ['/a.yaml', '/x/a.yaml', 'b/c.yaml'],
      ['/a.yaml', '/x/a.yaml', 'b/c.yaml'],
    ],
    [['/only/one/path/catalog-info.yaml'], ['…/path/catalog-info.yaml']],
    [[], []],
  ])('%j', (paths, tails) => {
    expect(distinctTails(paths)).toEqual(tails);
    // Every tail is the end of its own path.
    distinctTails(paths).forEach((t, i) => expect(paths[i].endsWith(t.replace(/^…/, ''))).toBe(true));
  });
});
