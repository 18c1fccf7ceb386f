import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentActor } from '@/lib/auth/authorize';
import { findTeamGroupRef } from '@/lib/auth/resolve';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { syncConfigLocations } from '@/lib/catalog/location-admin';
import { resetConfigForTests } from '@/lib/config/load-config';
import { createTestUser, sessionCookieFor } from '@/testing/sign-in';
import { startGithubEnvironment, type GithubEnvironment } from '@/testing/github-environment';
import { useTestDb } from '@/testing/test-db';

// A configured github-discovery reads every repository of the organisation, and anyone who can
// create a repository there writes one: what a discovered repository holds gives no identity or
// role. A member's repository declares a Group claiming the admin team's slug, with herself as a
// member; it is in the catalog, but the admin team stays the operator's Group and she stays a member.

const t = useTestDb();
const EXAMPLES = path.resolve('examples/org');
let env: GithubEnvironment;

beforeAll(async () => {
  env = await startGithubEnvironment('discovery-trust', {
    sections: ['auth:', '  admins: { logins: [], team: acme/team-sre }', '  local: { enabled: true }'],
  });
  // The operator's configuration: the organisation's people and teams, and discovery of its repositories.
  const file = path.join(env.dir, 'wayfinder.config.yaml');
  fs.writeFileSync(
    file,
    fs
      .readFileSync(file, 'utf8')
      .replace(
        '  fileLocationRoots: [.]\n',
        `  fileLocationRoots: [.]\n  locations:\n    - { type: file, target: ${EXAMPLES}/groups.yaml }\n    - { type: file, target: ${EXAMPLES}/users.yaml }\n    - { type: github-discovery, target: '${env.gh.url}/acme/tool-*/blob/-/catalog-info.yaml' }\n`,
      ),
  );
  resetConfigForTests();
  // A member (not in team-sre) creates a repository of her own in the organisation.
  env.gh.state.createRepo('acme', { name: 'tool-lucia' }, 'luciamoreno');
  env.gh.state.commitFiles(
    'acme/tool-lucia',
    {
      message: 'catalog',
      files: {
        'catalog-info.yaml': `apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: aaa-platform-admins
  annotations: { github.com/team-slug: acme/team-sre }
spec: { type: team, children: [], members: [lucia-moreno] }
`,
      },
    },
    'luciamoreno',
  );
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
}, 120_000);

afterAll(() => env?.close());

describe('a Group from a discovered repository', () => {
  it('does not become the admin team, nor make its author an admin', async () => {
    expect(await t.db.prisma.entity.count({ where: { ref: 'group:default/aaa-platform-admins' } })).toBe(1);
    const discovered = await t.db.prisma.location.findFirstOrThrow({ where: { parent: { type: 'github-discovery' } } });
    expect(discovered).toMatchObject({ type: 'url', trusted: false });
    expect(await findTeamGroupRef('acme/team-sre')).toBe('group:default/team-sre');
    const lucia = await createTestUser({ login: 'luciamoreno' });
    const actor = await currentActor(new Request('http://wayfinder.test/', { headers: { cookie: await sessionCookieFor(lucia) } }));
    expect(actor.roles).not.toContain('admin');
  });
});
