import { seedArgoApplications } from '../standins/argocd/seed';
import { createArgoCdStandIn } from '../standins/argocd/server';
import { createGitHubStandIn } from '../standins/github/server';
import { seedRepositoryActivity } from '../standins/github/seed-activity';
import { SEED_ORG, SEED_TOKEN, seedAcme } from '../standins/github/seed';

// The five-minute demo with no GitHub account and no Argo CD: `npm run demo:stand-ins` starts the
// local GitHub stand-in (org `acme`, seeded from examples/) on :3900 and two Argo CD stand-ins, dev
// on :3901 and prod on :3902, the addresses and tokens wayfinder.demo.yaml expects. Then, in another
// terminal: `WAYFINDER_CONFIG=wayfinder.demo.yaml npm start`.

const github = await createGitHubStandIn({
  port: Number(process.env.GITHUB_PORT ?? 3900),
  seed: (s) => {
    seedAcme(s);
    // Every component's repository has a few days of GitHub Actions runs and pull requests (its CI/CD and Pull requests tabs).
    for (const repo of s.world.repos.values())
      if (repo.owner === SEED_ORG && repo.name !== 'catalog') seedRepositoryActivity(s, `${SEED_ORG}/${repo.name}`);
  },
});
const token = 'demo-argocd-token';
const port = Number(process.env.ARGOCD_PORT ?? 3901);
const [dev, prod] = await Promise.all([createArgoCdStandIn({ port, token }), createArgoCdStandIn({ port: port + 1, token })]);
// The example components with an argocd/app-name annotation (examples/components/*/catalog-info.yaml).
const repo = (name: string) => `${github.url}/${SEED_ORG}/${name}`;
await seedArgoApplications(dev, SEED_ORG, [
  { name: 'rates-service', repoURL: repo('rates-service'), deployments: 5 },
  { name: 'dispatch-service', repoURL: repo('dispatch-service'), last: { health: 'Progressing' }, deployments: 4 },
  { name: 'route-optimizer', repoURL: repo('route-optimizer'), last: { drifted: true } },
]);
await seedArgoApplications(prod, SEED_ORG, [
  { name: 'rates-service', repoURL: repo('rates-service'), deployments: 2 },
  {
    name: 'dispatch-service',
    repoURL: repo('dispatch-service'),
    last: { health: 'Degraded', healthMessage: 'Deployment "dispatch-service" exceeded its progress deadline' },
  },
]);
console.log(`GitHub stand-in  ${github.url}  (token ${SEED_TOKEN}; browse ${github.url}/repos/acme/<name>)`);
console.log(`Argo CD stand-ins ${dev.url} (dev), ${prod.url} (prod)  (token ${token}; ${dev.url}/api/v1/applications/<name>)`);
console.log('Now start the portal with: WAYFINDER_CONFIG=wayfinder.demo.yaml npm start');

const shutdown = () => void Promise.all([github.stop(), dev.stop(), prod.stop()]).then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
