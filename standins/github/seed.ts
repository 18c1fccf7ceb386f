import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { StandInState } from './state';

// Seeds the Acme org from the demo catalog in examples/: users and teams from examples/org, one
// repository per examples/components/* folder, and acme/catalog with the org-wide descriptors.

export const SEED_ORG = 'acme';
/** A fixed token for the org's first admin, so demos and e2e specs need no OAuth round-trip. */
export const SEED_TOKEN = 'gho_wayfinder_stand_in_admin_token';
export const SEED_OAUTH_APP = { clientId: 'wayfinder-local', clientSecret: 'wayfinder-local-secret' };

interface Descriptor {
  kind?: string;
  metadata?: { name?: string; title?: string; description?: string; annotations?: Record<string, string> };
  spec?: { type?: string; parent?: string; memberOf?: string[]; profile?: { displayName?: string; email?: string } };
}

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');

function readDescriptors(file: string): Descriptor[] {
  return parseAllDocuments(readFileSync(file, 'utf8'))
    .map((d) => d.toJS() as Descriptor | null)
    .filter((d): d is Descriptor => Boolean(d));
}

/** Every file under dir, by path relative to dir. */
function readTree(dir: string, skip: (rel: string) => boolean = () => false): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const rel = path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (!skip(rel)) out[rel] = readFileSync(path.join(entry.parentPath, entry.name));
  }
  return out;
}

export function seedAcme(state: StandInState, examplesDir = EXAMPLES): void {
  const org = state.addOrg({ login: SEED_ORG, name: 'Acme Logistics', description: 'Acme Logistics B.V. (local GitHub stand-in)' });
  const groups = readDescriptors(path.join(examplesDir, 'org/groups.yaml')).filter((d) => d.kind === 'Group');
  const users = readDescriptors(path.join(examplesDir, 'org/users.yaml')).filter((d) => d.kind === 'User');

  for (const [i, u] of users.entries()) {
    const login = u.metadata?.annotations?.['github.com/user-login'] ?? u.metadata!.name!;
    state.addUser({ login, name: u.spec?.profile?.displayName ?? null, email: u.spec?.profile?.email ?? null });
    // The first user administers the org; GitHub orgs always have at least one owner.
    org.members.set(login, i === 0 ? 'admin' : 'member');
  }
  state.actor = org.members.keys().next().value ?? null;

  // Business units become parent teams too, so team nesting mirrors the catalog's group tree.
  const teamGroups = groups.filter((g) => g.spec?.type !== 'organization');
  const teamNames = new Set(teamGroups.map((g) => g.metadata!.name!));
  for (const g of teamGroups) {
    state.addTeam(SEED_ORG, {
      slug: g.metadata!.name!,
      name: g.spec?.profile?.displayName ?? g.metadata?.title ?? g.metadata!.name!,
      description: g.metadata?.description ?? null,
      parent: g.spec?.parent && teamNames.has(g.spec.parent) ? g.spec.parent : null,
    });
  }
  for (const u of users) {
    const login = u.metadata?.annotations?.['github.com/user-login'] ?? u.metadata!.name!;
    for (const slug of u.spec?.memberOf ?? []) {
      const team = state.world.team(SEED_ORG, slug);
      if (team) team.members.set(login, team.members.size === 0 ? 'maintainer' : 'member');
    }
  }

  const componentsDir = path.join(examplesDir, 'components');
  for (const name of readdirSync(componentsDir).sort()) {
    state.createRepo(SEED_ORG, {
      name,
      files: readTree(path.join(componentsDir, name)),
      visibility: 'internal',
      topics: ['wayfinder-demo'],
    });
  }
  const catalogFiles = readTree(examplesDir, (rel) => rel.startsWith('components/'));
  // The root Location lists ./components/* targets that live in their own repositories here.
  const rootLocation = catalogFiles['catalog-info.yaml']?.toString('utf8');
  if (rootLocation)
    catalogFiles['catalog-info.yaml'] = Buffer.from(
      rootLocation
        .split('\n')
        .filter((l) => !/^\s*- \.\/components\//.test(l))
        .join('\n'),
    );
  state.createRepo(SEED_ORG, { name: 'catalog', description: 'Org-wide catalog descriptors', files: catalogFiles, visibility: 'internal' });

  state.issueToken(state.actor!, ['repo', 'read:org', 'user:email', 'workflow'], SEED_TOKEN);
  state.registerOAuthApp(SEED_OAUTH_APP);
}

const DAY = 86_400_000;

/**
 * A repository's recent GitHub Actions history, for the demo and the CI/CD tab's e2e test: CI and
 * Deploy on the default branch over three days, a pull request's branch failing then passing, and a
 * CI run still going. The world's clock is moved back for each event and restored.
 */
export function seedWorkflowRuns(state: StandInState, fullName: string): void {
  const world = state.world;
  const realNow = world.now;
  const end = realNow().getTime();
  const at = (msAgo: number, act: () => void) => {
    world.now = () => new Date(end - msAgo);
    try {
      act();
    } finally {
      world.now = realNow;
    }
  };
  const ci = '.github/workflows/ci.yml';
  const deploy = '.github/workflows/deploy.yml';
  const branch = 'feature/faster-quotes';
  const lint = { name: 'lint', steps: ['Set up job', 'Check out', 'Lint', 'Complete job'] };
  const lintPassed = { ...lint, conclusion: 'success' as const };
  const tests = { name: 'test', steps: ['Set up job', 'Check out', 'Set up JDK 21', 'Run tests', 'Complete job'] };
  at(3 * DAY, () => {
    state.commitFiles(fullName, {
      message: 'Add CI and deploy workflows',
      files: { [ci]: 'name: CI\non: [push, pull_request]\n', [deploy]: 'name: Deploy\non:\n  push:\n    branches: [main]\n' },
    });
  });
  at(3 * DAY - 200_000, () => state.recordWorkflowRun(fullName, { path: ci, name: 'CI', seconds: 192, jobs: [lint, tests] }));
  at(3 * DAY - 400_000, () =>
    state.recordWorkflowRun(fullName, {
      path: deploy,
      name: 'Deploy',
      seconds: 100,
      jobs: [{ name: 'deploy', steps: ['Set up job', 'Build image', 'Sync Argo CD', 'Complete job'] }],
    }),
  );
  at(2 * DAY, () =>
    state.commitFiles(fullName, {
      branch,
      message: 'Cache carrier rate tables for quotes',
      files: { 'CACHE.md': 'Rates are cached for 5 minutes.\n' },
    }),
  );
  at(2 * DAY - 240_000, () =>
    state.recordWorkflowRun(fullName, {
      path: ci,
      name: 'CI',
      branch,
      event: 'pull_request',
      conclusion: 'failure',
      seconds: 236,
      jobs: [lintPassed, tests],
    }),
  );
  at(DAY, () =>
    state.commitFiles(fullName, {
      branch,
      message: 'Fix the quote test that expected a cold cache',
      files: { 'CACHE.md': 'Rates are cached for 5 minutes per carrier.\n' },
    }),
  );
  at(DAY - 200_000, () =>
    state.recordWorkflowRun(fullName, { path: ci, name: 'CI', branch, event: 'pull_request', seconds: 198, jobs: [lint, tests] }),
  );
  at(600_000, () =>
    state.commitFiles(fullName, {
      message: 'Merge pull request #12 from acme/feature/faster-quotes',
      files: { 'CACHE.md': 'Rates are cached for 5 minutes per carrier.\n' },
    }),
  );
  state.recordWorkflowRun(fullName, {
    path: ci,
    name: 'CI',
    status: 'in_progress',
    seconds: 95,
    jobs: [lintPassed, tests],
  });
}
