import { createArgoCdStandIn } from '../standins/argocd/server';
import { createGitHubStandIn } from '../standins/github/server';
import { SEED_ORG, SEED_TOKEN, seedAcme, seedWorkflowRuns } from '../standins/github/seed';

// The five-minute demo with no GitHub account and no Argo CD: `npm run demo:stand-ins` starts the
// local GitHub stand-in (org `acme`, seeded from examples/) on :3900 and the Argo CD stand-in on
// :3901, the addresses and tokens wayfinder.demo.yaml expects. Then, in another terminal:
// `WAYFINDER_CONFIG=wayfinder.demo.yaml npm start`.

const github = await createGitHubStandIn({
  port: Number(process.env.GITHUB_PORT ?? 3900),
  seed: (s) => {
    seedAcme(s);
    // Every component's repository has a few days of GitHub Actions runs (its CI/CD tab).
    for (const repo of s.world.repos.values())
      if (repo.owner === SEED_ORG && repo.name !== 'catalog') seedWorkflowRuns(s, `${SEED_ORG}/${repo.name}`);
  },
});
const argocd = await createArgoCdStandIn({ port: Number(process.env.ARGOCD_PORT ?? 3901), token: 'demo-argocd-token' });
console.log(`GitHub stand-in  ${github.url}  (token ${SEED_TOKEN}; browse ${github.url}/repos/acme/<name>)`);
console.log(`Argo CD stand-in ${argocd.url}  (token demo-argocd-token; ${argocd.url}/api/v1/applications/<name>)`);
console.log('Now start the portal with: WAYFINDER_CONFIG=wayfinder.demo.yaml npm start');

const shutdown = () => void Promise.all([github.stop(), argocd.stop()]).then(() => process.exit(0));
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
