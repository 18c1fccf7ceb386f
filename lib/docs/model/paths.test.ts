import { describe, expect, it } from 'vitest';
import { pagePathOf, rewriteLink } from './paths';

const bases = { pageBase: '/catalog/component/default/orders/docs', assetBase: '/api/docs/default/component/orders/assets' };

describe('rewriteLink', () => {
  it.each([
    ['other.md', 'guide/a.md', '/catalog/component/default/orders/docs/guide/other'],
    ['other.md#step-2', 'guide/a.md', '/catalog/component/default/orders/docs/guide/other#step-2'],
    ['../index.md', 'guide/a.md', '/catalog/component/default/orders/docs'],
    ['sub/index.md', 'index.md', '/catalog/component/default/orders/docs/sub'],
    // Directory URLs resolve from the page's URL as MkDocs serves it: guide/a.md at guide/a/.
    ['../setup/', 'guide/a.md', '/catalog/component/default/orders/docs/guide/setup'],
    ['../setup/', 'guide/index.md', '/catalog/component/default/orders/docs/setup'],
    ['./', 'guide/a.md', '/catalog/component/default/orders/docs/guide/a'],
    // backstage/backstage docs/features/techdocs/FAQ.md links its own questions this way.
    [
      './#what-is-the-mkdocs-techdocs-core-plugin',
      'features/techdocs/FAQ.md',
      '/catalog/component/default/orders/docs/features/techdocs/FAQ#what-is-the-mkdocs-techdocs-core-plugin',
    ],
    ['../../setup/', 'guide/a.md', '/catalog/component/default/orders/docs/setup'],
    ['../../../setup/', 'guide/a.md', '#'],
    ['#anchor', 'guide/a.md', '#anchor'],
    ['img/diagram%20one.png', 'index.md', '/api/docs/default/component/orders/assets/img/diagram%20one.png'],
    ['/catalog', 'index.md', '/catalog'],
    ['../../outside.md', 'guide/a.md', '#'],
  ])('%s from %s → %s', (href, from, expected) => {
    expect(rewriteLink(href, from, bases).href).toBe(expected);
  });

  it('marks links to other origins as external and leaves their URL alone', () => {
    expect(rewriteLink('https://example.com/x', 'index.md', bases)).toEqual({ href: 'https://example.com/x', external: true });
    expect(rewriteLink('//example.com/x', 'index.md', bases)).toEqual({ href: '//example.com/x', external: true });
    expect(rewriteLink('mailto:team@example.com', 'index.md', bases)).toEqual({ href: 'mailto:team@example.com', external: false });
  });

  // Browsers drop tabs and newlines from a URL and read "\" as "/" (WHATWG URL): each of these is
  // //tracker.example/p.png, another origin, however much it looks like a path of the portal.
  it.each(['/\\tracker.example/p.png', '\\\\tracker.example/p.png', '/\t/tracker.example/p.png', '/\n\\tracker.example/p.png'])(
    'reads %j as the other origin a browser goes to',
    (href) => {
      expect(rewriteLink(href, 'index.md', bases)).toEqual({ href: '//tracker.example/p.png', external: true });
    },
  );
});

describe('pagePathOf', () => {
  it.each([
    ['index.md', ''],
    ['README.md', ''],
    ['guide/index.md', 'guide'],
    ['guide/setup.mdx', 'guide/setup'],
  ])('%s → %j', (file, path) => expect(pagePathOf(file)).toBe(path));
});

describe('rewriteLink in linear time', () => {
  it('marks a link of 66,000 "../" broken at once', () => {
    // It took 5 s of the build's thread (path.posix.join), 125 s at the page limit of 1 MB.
    const started = performance.now();
    expect(rewriteLink('../'.repeat(66_000), 'guide/a.md', bases)).toEqual({ href: '#', external: false, broken: true });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
