import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as locations from '@/app/api/catalog/locations/route';
import { fetchAllowedText, type Resolver } from '@/lib/reading/fetch-allowed';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { startRouteServer } from '@/testing/route-server';

// Security suite, issue 9 point 1 (server-side request forgery): each attack goes through the real
// registration API and ingestion, against local HTTP servers. `internal` stands for a service on
// the server's own network that no rule allows; `allowed` for a host the admin named in
// backend.reading.allow. Nothing may reach `internal`, and nothing of its body may come back.

const t = useTestDb();
const TOKEN = 'svc-security-fetch-0123456789abcdef';
const SECRET = 'INTERNAL-SECRET-7f3a';

type Site = { port: number; hits: string[]; close(): Promise<void> };

async function serve(
  routes: Record<string, (port: number) => { status?: number; headers?: Record<string, string>; body?: string }>,
): Promise<Site> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    const route = routes[req.url ?? ''];
    const answer = route ? route(internal.port) : { status: 404, body: 'not found' };
    res.writeHead(answer.status ?? 200, answer.headers ?? { 'content-type': 'text/yaml' }).end(answer.body ?? '');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return { port: (server.address() as AddressInfo).port, hits, close: () => new Promise((ok) => server.close(() => ok())) };
}

const apiEntity = (name: string, definition: string) =>
  `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: ${name}\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ${definition}\n`;
const SECRET_COMPONENT = `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: internal-secret\n  description: ${SECRET}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;

let internal: Site;
let allowed: Site;
let api: Awaited<ReturnType<typeof startRouteServer>>;

beforeAll(async () => {
  internal = await serve({ '/catalog-info.yaml': () => ({ body: SECRET_COMPONENT }), '/secret': () => ({ body: SECRET }) });
  allowed = await serve({
    '/catalog-info.yaml': () => ({ body: `${apiEntity('public-api', './openapi.yaml')}---\n${apiEntity('leaky-api', './leak')}` }),
    '/openapi.yaml': () => ({ body: 'openapi: 3.0.0\n' }),
    '/leak': (port) => ({ status: 302, headers: { location: `http://127.0.0.1:${port}/secret` } }),
    '/redirect': (port) => ({ status: 301, headers: { location: `http://127.0.0.1:${port}/catalog-info.yaml` } }),
  });
  api = await startRouteServer([[/^\/api\/catalog\/locations$/, [], locations]]);
});

useTestConfig(
  'security-fetch',
  () =>
    `catalog:\n  rules:\n    - allow: ['*']\nbackend:\n  reading:\n    allow:\n      - host: 127.0.0.1:${allowed.port}\nauth:\n  serviceTokens:\n    - { name: attacker, token: ${TOKEN}, scope: write }\n`,
);

afterAll(async () => {
  await Promise.all([internal?.close(), allowed?.close(), api?.close()]);
});

beforeEach(async () => {
  await t.db.prisma.location.deleteMany();
  await t.db.prisma.entity.deleteMany();
});

async function register(target: string, dryRun = false) {
  const res = await fetch(`${api.url}/api/catalog/locations${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ type: 'url', target }),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    body: JSON.parse(text) as {
      errors?: { message: string }[];
      entities?: { kind: string; metadata: { name: string } }[];
      error?: { message: string };
    },
  };
}

const ADVICE =
  'reads are allowed only from configured integrations (integrations.github) and backend.reading.allow — add it there if it is intended';

describe('URL reads from user input', () => {
  it.each([
    ['a loopback address', (p: number) => `http://127.0.0.1:${p}/catalog-info.yaml`, 'host 127.0.0.1 is a loopback address'],
    [
      'an IPv4-mapped IPv6 address',
      (p: number) => `http://[::ffff:127.0.0.1]:${p}/catalog-info.yaml`,
      'host [::ffff:7f00:1] is an IPv4-mapped IPv6 address of 127.0.0.1, a loopback address',
    ],
    ['a decimal IPv4 address', (p: number) => `http://2130706433:${p}/catalog-info.yaml`, 'host 127.0.0.1 is a loopback address'],
    ['localhost', (p: number) => `http://localhost:${p}/catalog-info.yaml`, `host localhost:`],
  ])('refuses a url location at %s, in the dry run and on the registered location, without connecting', async (_name, url, reason) => {
    const target = url(internal.port);
    const preview = await register(target, true);
    expect(preview.status).toBe(400);
    expect(preview.body.error?.message).toContain(reason);
    expect(preview.body.error?.message).toContain(ADVICE);
    expect(preview.text).not.toContain(SECRET);

    const created = await register(target);
    expect(created.status).toBe(201);
    expect(created.body.entities?.filter((e) => e.kind !== 'Location')).toEqual([]);
    expect(created.body.errors?.[0]?.message).toContain(reason);
    expect(created.text).not.toContain(SECRET);
    expect(await t.db.prisma.entity.count({ where: { name: 'internal-secret' } })).toBe(0);
    expect(internal.hits).toEqual([]);
  });

  it('refuses a redirect from an allowed host to an internal one', async () => {
    const preview = await register(`http://127.0.0.1:${allowed.port}/redirect`, true);
    expect(preview.status).toBe(400);
    expect(preview.body.error?.message).toBe(
      `http://127.0.0.1:${allowed.port}/redirect redirected to http://127.0.0.1:${internal.port}/catalog-info.yaml: host 127.0.0.1 is a loopback address; ${ADVICE}`,
    );
    expect(preview.text).not.toContain(SECRET);
    expect(internal.hits).toEqual([]);
  });

  it('reads an allowed host, and refuses a $text in its descriptor that redirects to an internal host', async () => {
    const preview = await register(`http://127.0.0.1:${allowed.port}/catalog-info.yaml`, true);
    expect(preview.status).toBe(201);
    expect(preview.body.entities?.filter((e) => e.kind !== 'Location').map((e) => e.metadata.name)).toEqual(['public-api']);
    expect(preview.body.errors?.[0]?.message).toContain(
      `could not read "./leak" for $text: http://127.0.0.1:${allowed.port}/leak redirected to http://127.0.0.1:${internal.port}/secret: host 127.0.0.1 is a loopback address`,
    );
    expect(preview.text).not.toContain(SECRET);

    const created = await register(`http://127.0.0.1:${allowed.port}/catalog-info.yaml`);
    expect(created.status).toBe(201);
    const stored = await t.db.prisma.entity.findMany({ where: { kind: 'API' }, select: { name: true, body: true } });
    expect(stored.map((e) => e.name)).toEqual(['public-api']);
    expect(JSON.stringify(stored)).toContain('openapi: 3.0.0');
    expect(internal.hits).toEqual([]);
  });

  it('says that no integration serves a GitHub URL, and how to add one', async () => {
    const preview = await register('https://github.com/acme/orders/blob/main/catalog-info.yaml', true);
    expect(preview.status).toBe(400);
    expect(preview.body.error?.message).toBe(
      'https://github.com/acme/orders/blob/main/catalog-info.yaml: no GitHub integration is configured for host github.com; add one under integrations.github in wayfinder.config.yaml (host: github.com, with a token or a GitHub App) to read it',
    );
  });
});

describe('names that resolve to internal addresses', () => {
  // No test may use real DNS: the resolver answers as a DNS server under an attacker's control would.
  const resolve = ((_host: string, _options: unknown, callback: (err: null, a: { address: string; family: number }[]) => void) =>
    callback(null, [{ address: '127.0.0.1', family: 4 }])) as unknown as Resolver;

  it('refuses a name allowed by a *. pattern when it resolves to a loopback address', async () => {
    const url = `http://svc.corp.test:${internal.port}/secret`;
    await expect(fetchAllowedText(url, { maxBytes: 1000, allow: [{ host: `*.corp.test:${internal.port}` }], resolve })).rejects.toThrow(
      `${url}: host svc.corp.test resolves to 127.0.0.1, a loopback address; backend.reading.allow allows it only through the pattern *.corp.test:${internal.port}, which does not reach internal addresses — name the host itself there if it is intended`,
    );
    expect(internal.hits).toEqual([]);
  });

  it('connects to the address the lookup gave (the name is in no DNS): what is checked is what is used', async () => {
    const text = await fetchAllowedText(`http://svc.corp.test:${internal.port}/secret`, {
      maxBytes: 1000,
      allow: [{ host: `svc.corp.test:${internal.port}` }],
      resolve,
    });
    expect(text).toBe(SECRET);
    expect(internal.hits).toEqual(['/secret']);
    internal.hits.length = 0;
  });

  it('reads an internal host that an admin named explicitly', async () => {
    const text = await fetchAllowedText(`http://127.0.0.1:${internal.port}/secret`, {
      maxBytes: 1000,
      allow: [{ host: `127.0.0.1:${internal.port}` }],
    });
    expect(text).toBe(SECRET);
    internal.hits.length = 0;
  });

  it('stops reading at the size limit', async () => {
    await expect(
      fetchAllowedText(`http://127.0.0.1:${allowed.port}/catalog-info.yaml`, {
        maxBytes: 10,
        allow: [{ host: `127.0.0.1:${allowed.port}` }],
      }),
    ).rejects.toThrow(/catalog-info\.yaml is (\d+ bytes; the limit is|larger than the limit of) 10 bytes/);
  });
});
