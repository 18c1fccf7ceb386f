import type dns from 'node:dns';
import { describe, expect, it } from 'vitest';
import { checkReadUrl, guardedLookup, type Resolver } from './fetch-allowed';

const ADVICE =
  'reads are allowed only from configured integrations (integrations.github) and backend.reading.allow — add it there if it is intended';
const allow = [
  { host: 'example.com' },
  { host: 'docs.example.org', paths: ['/public/'] },
  { host: '*.corp.example' },
  { host: 'localhost:8080' },
];

describe('checkReadUrl', () => {
  it.each<[string, string]>([
    ['http://127.0.0.1:8080/x', `host 127.0.0.1 is a loopback address; ${ADVICE}`],
    ['http://[::ffff:127.0.0.1]/x', `host [::ffff:7f00:1] is an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address; ${ADVICE}`],
    ['http://2130706433/x', `host 127.0.0.1 is a loopback address; ${ADVICE}`],
    ['http://169.254.169.254/latest/meta-data/', `host 169.254.169.254 is a link-local address; ${ADVICE}`],
    ['http://internal.example.net/x', `host internal.example.net is not allowed; ${ADVICE}`],
    ['https://docs.example.org/private/a.yaml', `backend.reading.allow allows host docs.example.org only under /public/; ${ADVICE}`],
    [
      'https://github.com/acme/repo/blob/main/catalog-info.yaml',
      'no GitHub integration is configured for host github.com; add one under integrations.github in wayfinder.config.yaml (host: github.com, with a token or a GitHub App) to read it',
    ],
    [
      'https://ghe.acme.test/acme/repo/blob/main/catalog-info.yaml',
      'no GitHub integration is configured for host ghe.acme.test; add one under integrations.github in wayfinder.config.yaml (host: ghe.acme.test, with a token or a GitHub App) to read it',
    ],
    ['file:///etc/passwd', 'file: URLs cannot be read; only http and https'],
    ['https://user:pw@example.com/x', 'URLs with a user name or password cannot be read'],
  ])('refuses %s', (url, refused) => {
    expect(checkReadUrl(new URL(url), allow)).toEqual({ refused });
  });

  it.each<[string, string, boolean]>([
    ['https://example.com/catalog-info.yaml', 'example.com', true],
    ['https://docs.example.org/public/a.yaml', 'docs.example.org', true],
    ['https://api.corp.example/a.yaml', '*.corp.example', false],
    ['http://localhost:8080/a.yaml', 'localhost:8080', true],
  ])('allows %s through %s', (url, host, explicit) => {
    expect(checkReadUrl(new URL(url), allow)).toEqual({ match: { rule: expect.objectContaining({ host }), explicit } });
  });
});

/** A resolver with fixed answers, in dns.lookup's callback shape. */
function resolverOf(answers: Record<string, dns.LookupAddress[]>): Resolver {
  return ((hostname: string, _options: unknown, callback: (err: Error | null, addresses: dns.LookupAddress[]) => void) => {
    callback(null, answers[hostname] ?? []);
  }) as unknown as Resolver;
}

function lookup(resolve: Resolver, hostname: string, all: boolean): Promise<unknown> {
  return new Promise((ok, fail) => {
    guardedLookup(resolve, '*.corp.example')(hostname, { all }, (err, address, family) =>
      err ? fail(err) : ok(all ? address : { address, family }),
    );
  });
}

describe('guardedLookup', () => {
  const resolve = resolverOf({
    'api.corp.example': [{ address: '93.184.215.14', family: 4 }],
    'db.corp.example': [{ address: '10.0.0.5', family: 4 }],
    // One public and one private answer: the private one could be the one connected to.
    'mixed.corp.example': [
      { address: '93.184.215.14', family: 4 },
      { address: 'fd00::5', family: 6 },
    ],
    'mapped.corp.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
  });

  it('passes public addresses on, in the form the caller asked for', async () => {
    expect(await lookup(resolve, 'api.corp.example', false)).toEqual({ address: '93.184.215.14', family: 4 });
    expect(await lookup(resolve, 'api.corp.example', true)).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it.each([
    ['db.corp.example', 'host db.corp.example resolves to 10.0.0.5, a private (RFC 1918) address'],
    ['mixed.corp.example', 'host mixed.corp.example resolves to fd00::5, a unique-local (private) IPv6 address'],
    [
      'mapped.corp.example',
      'host mapped.corp.example resolves to ::ffff:127.0.0.1, an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address',
    ],
  ])('refuses %s, naming the address and the pattern', async (hostname, start) => {
    await expect(lookup(resolve, hostname, true)).rejects.toThrow(
      `${start}; backend.reading.allow allows it only through the pattern *.corp.example, which does not reach internal addresses — name the host itself there if it is intended`,
    );
  });

  it('fails a name with no address', async () => {
    await expect(lookup(resolve, 'none.corp.example', false)).rejects.toThrow('none.corp.example has no address');
  });
});
