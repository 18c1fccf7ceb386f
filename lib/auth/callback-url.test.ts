import { describe, expect, it } from 'vitest';
import { safeCallbackPath } from './callback-url';

const ORIGIN = 'https://portal.acme.test';

// What a browser would do with the redirect: resolve the Location against the portal.
const landsOn = (path: string) => new URL(path, ORIGIN).origin;

describe('safeCallbackPath', () => {
  it.each([
    ['/catalog', '/catalog'],
    ['/catalog?kind=component&page=2#top', '/catalog?kind=component&page=2#top'],
    ['/catalog/component/default/orders', '/catalog/component/default/orders'],
    ['settings/tokens', '/settings/tokens'],
    [`${ORIGIN}/catalog`, '/catalog'],
    ['/%5Cevil.example/', '/%5Cevil.example/'],
    ['/%09/evil.example', '/%09/evil.example'],
  ])('keeps the same-origin callback %j as %j', (input, expected) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe(expected);
  });

  // The known bypasses of "starts with / but not //" checks, plain and as they arrive decoded
  // from a query string (`%2F%5Cevil.example%2F` is `/\evil.example/` by the time it is read).
  it.each([
    '//evil.example',
    '///evil.example',
    '////evil.example/x',
    '/\\evil.example/',
    '\\/evil.example',
    '\\\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '\t//evil.example',
    ' //evil.example',
    '\u0000//evil.example',
    decodeURIComponent('%2F%5Cevil.example%2F'),
    decodeURIComponent('/%09/evil.example'),
    decodeURIComponent('%2F%2Fevil.example'),
    'https:evil.example',
    'http:evil.example',
    'https://evil.example/catalog',
    'HTTPS://EVIL.EXAMPLE',
    'javascript:alert(document.domain)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    `${ORIGIN}.evil.example/`,
    `${ORIGIN}@evil.example/`,
    'http://portal.acme.test/catalog',
  ])('refuses %j (falls back to /)', (input) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe('/');
  });

  it('never returns a path a browser reads as another host', () => {
    for (const input of ['/.//evil.example', '/a/../..//evil.example', '/./\\evil.example']) {
      const path = safeCallbackPath(input, ORIGIN);
      expect(path.startsWith('//')).toBe(false);
      expect(landsOn(path)).toBe(ORIGIN);
    }
  });

  it('falls back to / for no callback, a non-string or an oversized one', () => {
    for (const input of [undefined, null, '', '   ', 42, ['/catalog'], `/${'a'.repeat(2001)}`])
      expect(safeCallbackPath(input, ORIGIN)).toBe('/');
  });

  it('works without an origin for callers that need only a path', () => {
    expect(safeCallbackPath('/catalog')).toBe('/catalog');
    expect(safeCallbackPath('/\\evil.example')).toBe('/');
    expect(safeCallbackPath('https://evil.example')).toBe('/');
  });
});
