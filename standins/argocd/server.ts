import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { Application, AppProject, type IApplication } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { esc, link, PAGE_HEADERS, table, wantsPage, webPage } from '../web-page';

// A local Argo CD API server for the endpoints the scaffolder and the entity page's Argo CD card use
// (/api/v1/projects, /api/v1/applications, one by name or a list by label selector). Bodies are
// validated against Argo CD's CRD schemas through @kubernetes-models/argo-cd, so a body real Argo CD
// would reject is rejected here too, and so is every application it stores, status included. An
// application syncs as Argo CD's controller would: automated sync deploys it at once (Synced,
// Healthy, one history entry); without it, it is OutOfSync and Missing until `deploy`. Errors use
// Argo CD's grpc-gateway shape ({ error, code, message }).

type AppStatus = NonNullable<IApplication['status']>;
/** A deployment of the stand-in's application: a sync of `revision` (default: a new one), and the health it left. */
export type Deployment = { revision?: string; health?: string; healthMessage?: string; at?: Date };

export type ArgoCdStandIn = {
  url: string;
  token: string;
  projects: Map<string, Record<string, unknown>>;
  applications: Map<string, Record<string, unknown>>;
  /** Syncs an application (as a sync in Argo CD's UI would) and records it in its history. */
  deploy(name: string, deployment?: Deployment): void;
  /** Its live state drifts from git (someone changed the cluster, or git moved on): OutOfSync, optionally with a new health. */
  drift(name: string, health?: string, healthMessage?: string): void;
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

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** The status Argo CD reports after syncing `revision` at `at`, appending to the history it had. */
function syncedStatus(
  app: Json,
  previous: AppStatus | undefined,
  d: Required<Pick<Deployment, 'revision' | 'at'>> & Deployment,
): AppStatus {
  const spec = app.spec as { source?: Json; destination: Json };
  const source = spec.source as NonNullable<AppStatus['history']>[number]['source'];
  const started = new Date(d.at.getTime() - 12_000);
  const history = previous?.history ?? [];
  return {
    sync: { status: 'Synced', revision: d.revision, comparedTo: { source, destination: spec.destination as never } },
    health: { status: d.health ?? 'Healthy', ...(d.healthMessage ? { message: d.healthMessage } : {}), lastTransitionTime: iso(d.at) },
    history: [...history, { id: history.length, revision: d.revision, deployStartedAt: iso(started), deployedAt: iso(d.at), source }].slice(
      -10,
    ),
    operationState: {
      operation: { sync: { revision: d.revision } },
      phase: 'Succeeded',
      message: 'successfully synced (all tasks run)',
      startedAt: iso(started),
      finishedAt: iso(d.at),
    },
    reconciledAt: iso(d.at),
    sourceType: source?.helm || String(source?.path ?? '').includes('helm') ? 'Helm' : 'Directory',
  };
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
  let revisions = 0;
  const nextRevision = (app: Json) =>
    createHash('sha1')
      .update(`${JSON.stringify((app.spec as Json).source)}#${++revisions}`)
      .digest('hex');
  /** Stores an application after checking it, status included, against the CRD schema. */
  const keep = (name: string, app: Json) => {
    validated(() => new Application(app as never), 'Application');
    applications.set(name, app);
  };
  const applicationOf = (name: string) => {
    const app = applications.get(name);
    if (!app) throw new Error(`no application ${name}`);
    return app;
  };
  const deploy = (name: string, d: Deployment = {}) => {
    const app = applicationOf(name);
    const status = syncedStatus(app, app.status as AppStatus | undefined, {
      ...d,
      revision: d.revision ?? nextRevision(app),
      at: d.at ?? new Date(),
    });
    keep(name, { ...app, status });
  };

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
      const before = applications.get(name);
      const stored = store(applications, name, body, upsert, 'application');
      // The same spec again (a retry) changes nothing that was deployed.
      if (before?.status && isDeepStrictEqual(before.spec, (body as Json).spec)) {
        keep(name, { ...stored, status: before.status });
        return applications.get(name)!;
      }
      const automated = Boolean((model.spec.syncPolicy as { automated?: unknown } | undefined)?.automated);
      if (automated) deploy(name);
      else
        keep(name, {
          ...stored,
          status: { sync: { status: 'OutOfSync' }, health: { status: 'Missing' }, reconciledAt: iso(new Date()) } satisfies AppStatus,
        });
      return applications.get(name)!;
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/applications') {
      // Equality selectors, comma-separated (Kubernetes' label selector, as Argo CD takes it).
      const wanted = (url.searchParams.get('selector') ?? '')
        .split(',')
        .filter(Boolean)
        .map((term) => term.split('=') as [string, string]);
      const items = [...applications.values()].filter((app) => {
        const labels = ((app.metadata as Json).labels ?? {}) as Record<string, string>;
        return wanted.every(([k, v]) => labels[k] === v);
      });
      return { metadata: {}, items };
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

  // Argo CD's UI address of an application (/applications/<name>, the link the entity page's card
  // makes), answered to a browser with a read-only page of its state.
  const applicationPage = (name: string): { status: number; html: string } => {
    const app = applications.get(name);
    if (!app) return { status: 404, html: webPage('Argo CD', 'Not found', `<p>No application ${esc(name)} on this Argo CD stand-in.</p>`) };
    const spec = app.spec as { project: string; source?: Record<string, string>; destination: Record<string, string> };
    const status = (app.status ?? {}) as AppStatus;
    const row = (label: string, value: string | undefined) =>
      value ? `<tr><th>${esc(label)}</th><td>${/^https?:\/\//.test(value) ? link(value, value) : esc(value)}</td></tr>` : '';
    const history = [...(status.history ?? [])]
      .reverse()
      .map((h) => `<tr><td>${esc(String(h.revision ?? '').slice(0, 7))}</td><td>${esc(h.deployedAt)}</td></tr>`);
    const body =
      table([
        row('Project', spec.project),
        row('Sync', status.sync?.status),
        row('Health', status.health?.status),
        row('Health message', status.health?.message),
        row('Repository', spec.source?.repoURL),
        row('Path', spec.source?.path),
        row('Target revision', spec.source?.targetRevision),
        row('Cluster', spec.destination.server ?? spec.destination.name),
        row('Namespace', spec.destination.namespace),
      ]) + (history.length ? `<h2>History</h2>${table(['<tr><th>Revision</th><th>Deployed</th></tr>', ...history])}` : '');
    return { status: 200, html: webPage('Argo CD', name, body) };
  };

  const server = createServer((req, res) => {
    const ui = /^\/applications\/(?:argocd\/)?([^/]+)\/?$/.exec(new URL(req.url ?? '/', 'http://argocd').pathname);
    if (ui && wantsPage(req.method, req.headers.accept)) {
      let name = ui[1]!;
      try {
        name = decodeURIComponent(name);
      } catch {
        // A malformed escape names no application: its page is the 404.
      }
      const page = applicationPage(name);
      res.writeHead(page.status, PAGE_HEADERS);
      res.end(req.method === 'HEAD' ? undefined : page.html);
      return;
    }
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
    deploy,
    drift(name, health, healthMessage) {
      const app = applicationOf(name);
      const status = (app.status ?? {}) as AppStatus;
      keep(name, {
        ...app,
        status: {
          ...status,
          sync: { ...status.sync, status: 'OutOfSync' },
          ...(health
            ? { health: { status: health, ...(healthMessage ? { message: healthMessage } : {}), lastTransitionTime: iso(new Date()) } }
            : {}),
        },
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
