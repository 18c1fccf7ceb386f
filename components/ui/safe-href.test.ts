import { describe, expect, it } from 'vitest';
import { safeHref } from './safe-href';

describe('safeHref', () => {
  it.each([
    ['https://github.com/acme/orders', 'https://github.com/acme/orders'],
    ['http://grafana.acme.test/d/1', 'http://grafana.acme.test/d/1'],
    ['mailto:team@acme.test', 'mailto:team@acme.test'],
    ['javascript:alert(1)', null],
    [' JavaScript:alert(1)', null],
    ['data:text/html,<script>alert(1)</script>', null],
    ['vbscript:msgbox(1)', null],
    ['/catalog', null],
    ['not a url', null],
  ])('%s → %s', (url, expected) => {
    expect(safeHref(url)).toBe(expected);
  });
});
