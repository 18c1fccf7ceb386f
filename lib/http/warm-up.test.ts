import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmUp, WARM_UP_REQUEST_ID } from './warm-up';

describe('warmUp', () => {
  const seen: { method?: string; url?: string; id?: string }[] = [];
  let server: http.Server;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, id: req.headers['x-request-id'] as string });
      res.writeHead(req.url === '/api/webhooks/github' ? 405 : 200).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends one HEAD request per path, in order, to a server listening on every interface', async () => {
    await warmUp(server.address() as AddressInfo, ['/api/webhooks/github', '/catalog']);
    expect(seen).toEqual([
      { method: 'HEAD', url: '/api/webhooks/github', id: WARM_UP_REQUEST_ID },
      { method: 'HEAD', url: '/catalog', id: WARM_UP_REQUEST_ID },
    ]);
  });

  it('resolves when nothing listens', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const address = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(warmUp(address, ['/api/webhooks/github'])).resolves.toBeUndefined();
  });
});
