import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { Application, AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';

// A local Argo CD API server for the endpoints the scaffolder uses (/api/v1/projects,
// /api/v1/applications). Bodies are validated against Argo CD's CRD schemas through
// @kubernetes-models/argo-cd, so a body real Argo CD would reject is rejected here too. Errors use
// Argo CD's grpc-gateway shape ({ error, code, message }).

export type ArgoCdStandIn = {
  url: string;
  token: string;
  projects: Map<string, Record<string, unknown>>;
  applications: Map<string, Record<string, unknown>>;
  stop(): Promise<void>;
};

type Json = Record<string, unknown>;

class ArgoError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Json;
  } catch {
    throw new ArgoError(400, 3, 'invalid JSON body');
  }
}

function validated<T extends { validate(): void }>(make: () => T, what: string): T {
  try {
    const model = make();
    model.validate();
    return model;
  } catch (err) {
    throw new ArgoError(400, 3, `${what} is invalid: ${(err as Error).message}`);
  }
}

export async function createArgoCdStandIn(options: { token?: string; port?: number } = {}): Promise<ArgoCdStandIn> {
  const token = options.token ?? 'argocd-stand-in-token';
  const projects = new Map<string, Json>([
    [
      'default',
      {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'default', namespace: 'argocd' },
        spec: { sourceRepos: ['*'], destinations: [{ namespace: '*', server: '*' }] },
      },
    ],
  ]);
  const applications = new Map<string, Json>();

  // Creating what exists with the same spec answers it; a different spec needs upsert, as in Argo CD.
  const store = (map: Map<string, Json>, name: string, body: Json, upsert: boolean, kind: string) => {
    const existing = map.get(name);
    if (existing && !upsert && !isDeepStrictEqual(existing.spec, body.spec)) {
      throw new ArgoError(400, 3, `existing ${kind} spec is different, use upsert flag to force update`);
    }
    const stored = {
      ...body,
      metadata: {
        ...(body.metadata as Json),
        namespace: 'argocd',
        uid: (existing?.metadata as Json | undefined)?.uid ?? crypto.randomUUID(),
        creationTimestamp: new Date().toISOString(),
      },
    };
    map.set(name, stored);
    return stored;
  };

  const handle = async (req: IncomingMessage) => {
    const url = new URL(req.url ?? '/', 'http://argocd');
    if (req.headers.authorization !== `Bearer ${token}`) throw new ArgoError(401, 16, 'invalid session: token signature is invalid');
    const upsert = url.searchParams.get('upsert') === 'true';
    const parts = url.pathname.split('/').filter(Boolean);
    if (req.method === 'POST' && url.pathname === '/api/v1/projects') {
      const body = await readJson(req);
      const project = { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', ...((body.project as Json) ?? {}) };
      const model = validated(() => new AppProject(project as never), 'AppProject');
      const name = model.metadata?.name;
      if (!name) throw new ArgoError(400, 3, 'project name is required');
      return store(projects, name, project, upsert || body.upsert === true, 'project');
    }
    if (req.method === 'POST' && url.pathname === '/api/v1/applications') {
      const body = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', ...(await readJson(req)) };
      const model = validated(() => new Application(body as never), 'Application');
      const name = model.metadata?.name;
      if (!name) throw new ArgoError(400, 3, 'application name is required');
      const project = model.spec.project;
      if (!projects.has(project)) throw new ArgoError(400, 3, `application references project ${project} which does not exist`);
      return store(applications, name, body, upsert, 'application');
    }
    if (
      req.method === 'GET' &&
      parts[0] === 'api' &&
      parts[1] === 'v1' &&
      (parts[2] === 'projects' || parts[2] === 'applications') &&
      parts[3]
    ) {
      const found = (parts[2] === 'projects' ? projects : applications).get(decodeURIComponent(parts[3]));
      if (!found)
        throw new ArgoError(404, 5, `${parts[2] === 'projects' ? 'appprojects' : 'applications'}.argoproj.io "${parts[3]}" not found`);
      return found;
    }
    throw new ArgoError(404, 5, 'Not Found');
  };

  const server = createServer((req, res) => {
    handle(req).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (err: unknown) => {
        const e = err instanceof ArgoError ? err : new ArgoError(500, 13, (err as Error).message);
        res.writeHead(e.status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: e.message, code: e.code, message: e.message }));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    token,
    projects,
    applications,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
