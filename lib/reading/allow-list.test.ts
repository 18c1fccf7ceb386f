import { describe, expect, it } from 'vitest';
import { matchAllowRule } from './allow-list';

const rules = [
  { host: 'example.com' },
  { host: 'docs.example.org:8443', paths: ['/public/', '/specs/'] },
  { host: '*.corp.example' },
  { host: 'intranet.local' },
  { host: '127.0.0.1:9000' },
  { host: '[::1]:9001' },
];

describe('matchAllowRule', () => {
  it.each<[string, string, string | null, boolean?]>([
    ['exact host', 'https://example.com/catalog-info.yaml', 'example.com', true],
    ['exact host, any path', 'http://example.com/a/b/c', 'example.com', true],
    ['host is case-insensitive', 'https://EXAMPLE.com/x', 'example.com', true],
    ['a subdomain is not the host', 'https://api.example.com/x', null],
    ['another port is another host', 'https://example.com:8443/x', null],
    ['a lookalike suffix', 'https://evilexample.com/x', null],
    ['user info does not change the host', 'https://example.com@evil.test/x', null],
    ['host with port and allowed path', 'https://docs.example.org:8443/public/a.yaml', 'docs.example.org:8443', true],
    ['path outside the prefixes', 'https://docs.example.org:8443/private/a.yaml', null],
    ['dot segments cannot climb out', 'https://docs.example.org:8443/public/../private/a.yaml', null],
    ['encoded dot segments cannot climb out', 'https://docs.example.org:8443/public/%2e%2e/private/a.yaml', null],
    ['encoded slashes cannot climb out', 'https://docs.example.org:8443/public%2F..%2Fprivate/a.yaml', null],
    ['wildcard subdomain', 'https://api.corp.example/x', '*.corp.example', false],
    ['wildcard nested subdomain', 'https://a.b.corp.example/x', '*.corp.example', false],
    ['wildcard does not match the domain itself', 'https://corp.example/x', null],
    ['wildcard lookalike', 'https://evilcorp.example/x', null],
    ['explicit internal name', 'http://intranet.local/x', 'intranet.local', true],
    ['explicit IPv4 with port', 'http://127.0.0.1:9000/x', '127.0.0.1:9000', true],
    ['the same address written in decimal', 'http://2130706433:9000/x', '127.0.0.1:9000', true],
    ['the address on another port', 'http://127.0.0.1:9999/x', null],
    ['explicit IPv6 with port', 'http://[0:0:0:0:0:0:0:1]:9001/x', '[::1]:9001', true],
  ])('%s: %s', (_name, url, host, explicit) => {
    const match = matchAllowRule(new URL(url), rules);
    expect(match?.rule.host ?? null).toBe(host);
    if (match) expect(match.explicit).toBe(explicit);
  });

  it('never matches an IP address through a pattern', () => {
    expect(matchAllowRule(new URL('http://127.0.0.1/'), [{ host: '*.0.1' }])).toBeNull();
  });
});
