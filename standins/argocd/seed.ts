import type { ArgoCdStandIn, Deployment } from './server';

// Example applications for the demo and the Argo CD card's e2e test: each synced automatically
// from its repository's Helm chart, with a few days of deployments behind it.

const DAY = 86_400_000;

export type SeededApp = {
  name: string;
  repoURL: string;
  /** How many deployments lie behind it, a day apart (default 3). */
  deployments?: number;
  /** The last deployment's outcome (default Healthy), and whether git has moved on since. */
  last?: Pick<Deployment, 'health' | 'healthMessage'> & { drifted?: boolean };
};

export async function seedArgoApplications(argo: ArgoCdStandIn, project: string, apps: SeededApp[]): Promise<void> {
  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${argo.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${argo.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`Argo CD stand-in refused ${path}: ${await res.text()}`);
  };
  await post('/api/v1/projects', {
    project: { metadata: { name: project }, spec: { sourceRepos: ['*'], destinations: [{ namespace: '*', server: '*' }] } },
  });
  const now = Date.now();
  for (const app of apps) {
    await post('/api/v1/applications', {
      metadata: { name: app.name, labels: { 'backstage-name': app.name } },
      spec: {
        project,
        destination: { server: 'https://kubernetes.default.svc', namespace: app.name },
        source: { repoURL: app.repoURL, path: 'deploy/helm', targetRevision: 'HEAD' },
      },
    });
    const count = app.deployments ?? 3;
    for (let i = count - 1; i >= 0; i--) argo.deploy(app.name, { at: new Date(now - i * DAY - 3_600_000), ...(i === 0 ? app.last : {}) });
    if (app.last?.drifted) argo.drift(app.name);
  }
}
