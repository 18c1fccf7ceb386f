import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import { createArgoCdStandIn, type ArgoCdStandIn } from './server';

let argo: ArgoCdStandIn;
beforeAll(async () => {
  argo = await createArgoCdStandIn();
});
afterAll(() => argo.stop());

const post = (path: string, body: unknown, token = argo.token) =>
  fetch(`${argo.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

const app = (name: string, project = 'payments') => ({
  metadata: { name, labels: { team: 'payments' } },
  spec: {
    project,
    destination: { server: 'https://kubernetes.default.svc', namespace: 'payments' },
    source: { repoURL: 'https://github.com/acme/payments', path: 'deploy/helm', targetRevision: 'HEAD' },
    syncPolicy: { automated: { prune: true, selfHeal: true } },
  },
});

describe('Argo CD stand-in', () => {
  it('creates a project and an application whose bodies match the CRD schemas', async () => {
    const p = await post('/api/v1/projects', {
      project: {
        metadata: { name: 'payments' },
        spec: {
          sourceRepos: ['https://github.com/acme/payments'],
          destinations: [{ namespace: 'payments', server: 'https://kubernetes.default.svc' }],
        },
      },
    });
    expect(p.status).toBe(200);
    const a = await post('/api/v1/applications', app('payments-svc'));
    expect(a.status).toBe(200);
    expect(((await a.json()) as { metadata: { namespace: string } }).metadata.namespace).toBe('argocd');
    // Same spec again: answered; a different one without upsert: refused, as Argo CD does.
    expect((await post('/api/v1/applications', app('payments-svc'))).status).toBe(200);
    const changed = app('payments-svc');
    changed.spec.source.path = 'other';
    expect(await (await post('/api/v1/applications', changed)).json()).toMatchObject({
      code: 3,
      message: expect.stringContaining('use upsert flag'),
    });
  });

  it('rejects bodies the CRD schemas reject, unknown projects and bad tokens', async () => {
    const bad = app('broken') as { spec: Record<string, unknown> };
    delete bad.spec.destination;
    const r = await post('/api/v1/applications', bad);
    expect(r.status).toBe(400);
    expect(((await r.json()) as { message: string }).message).toMatch(/Application is invalid/);
    expect((await post('/api/v1/applications', app('orphan', 'nope'))).status).toBe(400);
    expect((await post('/api/v1/projects', { project: { metadata: { name: 'x' }, spec: { sourceRepos: 'not-a-list' } } })).status).toBe(
      400,
    );
    expect((await post('/api/v1/projects', {}, 'wrong')).status).toBe(401);
  });

  it('reports status as Argo CD does: an automated app synced and healthy, a manual one missing until deployed, drift and history', async () => {
    const get = async (path: string) => (await fetch(`${argo.url}${path}`, { headers: { authorization: `Bearer ${argo.token}` } })).json();
    await post('/api/v1/projects', { project: { metadata: { name: 'payments' }, spec: { sourceRepos: ['*'], destinations: [] } } });
    await post('/api/v1/applications', app('payments-auto'));
    const manual = app('payments-manual') as { spec: Record<string, unknown> };
    delete manual.spec.syncPolicy;
    await post('/api/v1/applications', manual);
    type Status = {
      sync: { status: string; revision?: string };
      health: { status: string; message?: string };
      history?: { id: number; revision: string }[];
    };
    const auto = (await get('/api/v1/applications/payments-auto')) as { status: Status };
    expect(auto.status.sync.status).toBe('Synced');
    expect(auto.status.health.status).toBe('Healthy');
    expect(auto.status.history).toEqual([expect.objectContaining({ id: 0, revision: auto.status.sync.revision })]);
    expect(((await get('/api/v1/applications/payments-manual')) as { status: Status }).status).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Missing' },
    });

    argo.deploy('payments-manual', {
      revision: 'a'.repeat(40),
      health: 'Degraded',
      healthMessage: 'Deployment "payments" exceeded its progress deadline',
    });
    argo.drift('payments-auto', 'Progressing');
    const [deployed, drifted] = (await Promise.all([
      get('/api/v1/applications/payments-manual'),
      get('/api/v1/applications/payments-auto'),
    ])) as { status: Status }[];
    expect(deployed!.status).toMatchObject({
      sync: { status: 'Synced', revision: 'a'.repeat(40) },
      health: { status: 'Degraded', message: expect.stringContaining('progress deadline') },
    });
    expect(drifted!.status).toMatchObject({ sync: { status: 'OutOfSync' }, health: { status: 'Progressing' } });
    // Every stored application, status included, is one the CRD schema accepts.
    for (const stored of argo.applications.values()) expect(() => new Application(stored as never).validate()).not.toThrow();
    // A retry of the same spec keeps what was deployed.
    await post('/api/v1/applications', app('payments-auto'));
    expect(((await get('/api/v1/applications/payments-auto')) as { status: Status }).status.history).toHaveLength(1);

    const listed = (await get('/api/v1/applications?selector=team%3Dpayments')) as { items: { metadata: { name: string } }[] };
    expect(listed.items.map((a) => a.metadata.name).sort()).toEqual(['payments-auto', 'payments-manual', 'payments-svc']);
    expect(((await get('/api/v1/applications?selector=team%3Dother')) as { items: unknown[] }).items).toEqual([]);
  });

  it("answers a browser at the application's UI address with a read-only page of its state", async () => {
    await post('/api/v1/projects', { project: { metadata: { name: 'payments' }, spec: { sourceRepos: ['*'], destinations: [] } } });
    await post('/api/v1/applications', app('payments-page'));
    argo.deploy('payments-page', { health: 'Degraded', healthMessage: 'Back-off <restarting> failed container' });
    const open = (path: string, accept = 'text/html,application/xhtml+xml') => fetch(`${argo.url}${path}`, { headers: { accept } });
    for (const path of ['/applications/payments-page', '/applications/argocd/payments-page']) {
      const res = await open(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; style-src 'unsafe-inline'");
      const html = await res.text();
      expect(html).toContain('<h1>payments-page</h1>');
      expect(html).toMatch(/<th>Sync<\/th><td>Synced<\/td>.*<th>Health<\/th><td>Degraded<\/td>/);
      expect(html).toContain('Back-off &#60;restarting&#62; failed container');
      expect(html).toContain('https://github.com/acme/payments');
      expect(html.match(/<h2>History<\/h2>.*<\/table>/)![0].match(/<tr><td>/g)).toHaveLength(2);
    }
    const missing = await open('/applications/nothing-here');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('No application nothing-here on this Argo CD stand-in.');
    expect((await open('/applications/%E0%A4%A')).status).toBe(404);
    // Not a browser: the API's answer, which needs the token.
    expect((await open('/applications/payments-page', 'application/json')).status).toBe(401);
  });
});
