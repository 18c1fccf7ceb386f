import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
