import http from 'node:http';
import type { AddressInfo } from 'node:net';

// Serves route handler modules (app/api/**/route.ts) over real HTTP for integration tests, so that
// clients (catalog-client, GitHub's webhook sender) talk to the handlers as they would to Next.

type Ctx = { params: Promise<Record<string, string>> };
// Method syntax: each route types its own params, which this dispatcher fills from the path.
export type RouteModule = {
  GET?(req: Request, ctx: Ctx): Promise<Response>;
  POST?(req: Request, ctx: Ctx): Promise<Response>;
  PUT?(req: Request, ctx: Ctx): Promise<Response>;
  DELETE?(req: Request, ctx: Ctx): Promise<Response>;
};
/** Path pattern, names of its capture groups, module; the first match wins (list static first). */
export type RouteTable = [RegExp, string[], RouteModule][];

async function dispatch(routes: RouteTable, req: http.IncomingMessage, res: http.ServerResponse, base: string) {
  const url = new URL(req.url ?? '/', base);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const method = req.method ?? 'GET';
  const request = new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : Buffer.concat(chunks) });
  let response = new Response(JSON.stringify({ error: { name: 'NotFoundError', message: 'no route' } }), { status: 404 });
  for (const [pattern, names, mod] of routes) {
    const m = pattern.exec(url.pathname);
    if (!m) continue;
    const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
    const ctx = { params: Promise.resolve(params) };
    const handler = ({ GET: mod.GET, POST: mod.POST, PUT: mod.PUT, DELETE: mod.DELETE } as Record<string, RouteModule['GET']>)[method];
    response = handler ? await handler.call(mod, request, ctx) : new Response(null, { status: 405 });
    break;
  }
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function startRouteServer(routes: RouteTable): Promise<{ url: string; close(): Promise<void> }> {
  let base = '';
  const server = http.createServer((req, res) => {
    dispatch(routes, req, res, base).catch((err) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
