import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proxy } from '@/proxy';
import { serveDirect, type DirectRoute } from './direct-route';
import { textResponse } from './response-text';

// The production server answers by-name without Next (scripts/server.ts): the answer must be the
// handler's, with the headers proxy.ts and Next put on every API answer, and anything the pattern
// does not cover must still reach Next.

type Params = { kind: string; namespace: string; name: string };
const seen: { url: string; authorization: string | null; params: Params }[] = [];
const route: DirectRoute<Params> = {
  pattern: /^\/api\/catalog\/entities\/by-name\/([\w.~-]+)\/([\w.~-]+)\/([\w.~-]+)$/,
  params: (m) => ({ kind: m[1], namespace: m[2], name: m[3] }),
  handler: async (req, { params }) => {
    const p = await params;
    seen.push({ url: req.url, authorization: req.headers.get('authorization'), params: p });
    return p.name === 'missing'
      ? Response.json({ error: { name: 'NotFoundError' } }, { status: 404 })
      : Response.json({ metadata: { name: p.name } });
  },
};

// List answers large enough to be compressed: on the event loop (20 KB) and in zlib's thread pool
// (over 256 KB), the larger one written as text (textResponse, as the catalog API's pages are).
const list = (n: number) => ({ items: Array.from({ length: n }, (_, i) => ({ metadata: { name: `sérvice-${i}` } })) });
const big = list(500);
const huge = list(8000);
const listRoute: DirectRoute<object> = {
  pattern: /^\/api\/catalog\/entities\/by-query$/,
  params: () => ({}),
  handler: async (req) =>
    new URL(req.url).searchParams.has('huge')
      ? textResponse(JSON.stringify(huge), { headers: { 'content-type': 'application/json' } })
      : Response.json(big),
};

let base = '';
let server: http.Server;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!serveDirect(req, res, [route, listRoute] as DirectRoute<unknown>[])) res.writeHead(299, { 'x-served-by': 'next' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const get = (path: string, init: RequestInit = {}) => fetch(base + path, init);

describe('serveDirect', () => {
  it('answers with the handler, its status and body, and the headers of every API answer', async () => {
    const res = await get('/api/catalog/entities/by-name/component/default/orders?x=1', { headers: { authorization: 'Bearer abc' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ metadata: { name: 'orders' } });
    expect(seen.at(-1)).toEqual({
      url: expect.stringMatching(/\/api\/catalog\/entities\/by-name\/component\/default\/orders\?x=1$/),
      authorization: 'Bearer abc',
      params: { kind: 'component', namespace: 'default', name: 'orders' },
    });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('vary')).toBe('rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch');

    // What proxy.ts sets on the same request through Next.
    const viaProxy = proxy(
      new NextRequest(`${base}/api/catalog/entities/by-name/component/default/orders`, { headers: { authorization: 'Bearer abc' } }),
    );
    for (const [name, value] of viaProxy.headers) {
      if (name.startsWith('x-middleware')) continue;
      expect(res.headers.get(name), name).toBe(value);
    }
    expect(res.headers.get('strict-transport-security')).toBeNull();
    expect((await get('/api/catalog/entities/by-name/component/default/missing')).status).toBe(404);
  });

  it('adds HSTS when a proxy says the request came over https', async () => {
    const res = await get('/api/catalog/entities/by-name/component/default/orders', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toBe('max-age=63072000; includeSubDomains');
  });

  it.each([
    ['', big],
    ['?huge', huge],
  ])('gzips a large answer (by-query%s) for a client that accepts it, and only then', async (query, answer) => {
    expect(JSON.stringify(answer).length > 256 * 1024).toBe(query === '?huge');
    const raw = (acceptEncoding?: string) =>
      new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        http
          .get(
            `${base}/api/catalog/entities/by-query${query}`,
            { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
            (res) => {
              const chunks: Buffer[] = [];
              res.on('data', (c: Buffer) => chunks.push(c));
              res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
            },
          )
          .on('error', reject);
      });
    const zipped = await raw('gzip, deflate, br');
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toMatch(/, Accept-Encoding$/);
    expect(Number(zipped.headers['content-length'])).toBe(zipped.body.length);
    expect(JSON.parse(gunzipSync(zipped.body).toString('utf8'))).toEqual(answer);
    const plain = await raw();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(JSON.parse(plain.body.toString('utf8'))).toEqual(answer);
  });

  it('sends a small answer as it is', async () => {
    const small = await get('/api/catalog/entities/by-name/component/default/orders', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it.each([
    ['HEAD', '/api/catalog/entities/by-name/component/default/orders'],
    ['POST', '/api/catalog/entities/by-name/component/default/orders'],
    ['GET', '/api/catalog/entities/by-name/component/default/orders/'],
    ['GET', '/api/catalog/entities/by-name/component/default/a%2Fb'],
    ['GET', '/api/catalog/entities/by-name/component/default/orders/ancestry'],
    ['POST', '/api/catalog/entities/by-query'],
    ['GET', '/api/catalog/entities/by-query/'],
  ])('leaves %s %s to Next', async (method, path) => {
    const res = await get(path, { method });
    expect(res.headers.get('x-served-by')).toBe('next');
  });
});

describe('serveDirect with a Host header that names no host', () => {
  // Anyone can send one; the request URL is built from it, and a URL error answered 500.
  it.each(['a b', 'exa%mple', '[::1'])('answers %s with a 400 that says so', async (host) => {
    const { Socket } = await import('node:net');
    const { port } = server.address() as AddressInfo;
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = new Socket();
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
      socket.connect(port, '127.0.0.1', () =>
        socket.write(`GET /api/catalog/entities/by-query HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`),
      );
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toContain('Host header');
    expect(answer).toContain("default-src 'none'");
  });
});
