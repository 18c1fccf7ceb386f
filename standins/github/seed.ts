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

  // Each folder is the repository its component's github.com/project-slug names (the folder's name
  // where it names none), so the portal's links to a component's repository find it.
  const componentsDir = path.join(examplesDir, 'components');
  for (const folder of readdirSync(componentsDir).sort()) {
    const slugs = readDescriptors(path.join(componentsDir, folder, 'catalog-info.yaml')).map(
      (d) => d.metadata?.annotations?.['github.com/project-slug'],
    );
    const name = slugs.find((slug) => slug?.startsWith(`${SEED_ORG}/`))?.slice(SEED_ORG.length + 1) ?? folder;
    state.createRepo(SEED_ORG, {
      name,
      files: readTree(path.join(componentsDir, folder)),
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
