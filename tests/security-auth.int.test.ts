import fs from 'node:fs';
import path from 'node:path';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as nextAuthRoute from '@/app/api/auth/[...nextauth]/route';
import * as byUid from '@/app/api/catalog/entities/by-uid/[uid]/route';
import * as locationById from '@/app/api/catalog/locations/[id]/route';
import * as locations from '@/app/api/catalog/locations/route';
import * as refresh from '@/app/api/catalog/refresh/route';
import AmbiguousUserPage from '@/app/(auth)/sign-in/ambiguous-user/page';
import SignInPage from '@/app/(auth)/sign-in/page';
import { wayfinderAdapter } from '@/lib/auth/adapter';
import { currentActor } from '@/lib/auth/authorize';
import { authOptions } from '@/lib/auth/next-auth-options';
import { resolveIdentity } from '@/lib/auth/resolve';
import { createSession, pruneExpiredSessions } from '@/lib/auth/sessions';
import { sessionCookieName } from '@/lib/auth/session-cookie';
import { listSignInCandidates } from '@/lib/auth/users';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { syncConfigLocations } from '@/lib/catalog/location-admin';
import { resetConfigForTests } from '@/lib/config/load-config';
import { signInAs, signOut, tokenFor, useBearer, type TestUser } from '@/testing/sign-in';
import { useTestDb } from '@/testing/test-db';
import { startGithubEnvironment, type GithubEnvironment } from '@/testing/github-environment';
import { startRouteServer } from '@/testing/route-server';

// Security suite (issue 9, points 3, 4, 6 and the audit log): each attack, as a member would try
// it against the real handlers, now refused, and every mutation and refusal in the audit log.
// The organisation is the example one: its org/*.yaml files are configuration locations, and the
// GitHub stand-in's acme org (seeded from the same files) is the org sync.

const revalidated = vi.hoisted(() => [] as string[]);
vi.mock('next/cache', () => ({ revalidatePath: (p: string) => void revalidated.push(p) }));
vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());

const t = useTestDb();
const SECRET = 'security-auth-secret';
const OPS_TOKEN = 'svc-ops-write-0123456789abcdef';
const EXAMPLES = path.resolve('examples/org');
let env: GithubEnvironment;
let api: Awaited<ReturnType<typeof startRouteServer>>;

/** Signs a GitHub login in as next-auth would: the signIn callback decides, the adapter makes the user. */
async function githubSignIn(login: string): Promise<{ result: string | boolean; user?: TestUser; cookie?: string }> {
  const result = await authOptions().callbacks!.signIn!({ profile: { login }, user: { id: login }, account: null } as never);
  if (result !== true) return { result };
  const created = await wayfinderAdapter().createUser!({ name: login, email: '', emailVerified: null, image: null, login } as never);
  const { token } = await createSession(created.id);
  return { result, user: { id: created.id, login, entityRef: null }, cookie: `${sessionCookieName(false)}=${token}` };
}

async function actorOf(cookie: string) {
  return currentActor(new Request('http://wayfinder.test/', { headers: { cookie } }));
}

async function call(method: string, pathname: string, headers: Record<string, string>, body?: unknown) {
  const res = await fetch(`${api.url}/api/catalog${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const auditRows = (where: { actor?: string; action?: string; target?: string | null }) =>
  t.db.prisma.auditLog.findMany({ where, orderBy: { at: 'asc' } });

/** What a member writes into a repository of her own and registers: Users and Groups that lie. */
const FORGED = `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: aaa-lucia
  annotations: { github.com/user-login: luciamoreno }
spec: { memberOf: [team-sre] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: aaa-grace
  annotations: { github.com/user-login: graceokafor }
spec: { memberOf: [team-sre] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: aaa-outsider
  annotations: { github.com/user-login: outsider-octocat }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: aaa-sre
  annotations: { github.com/team-slug: acme/team-sre }
spec: { type: team, children: [], members: [lucia-moreno] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: aaa-bridge
spec: { type: team, parent: team-routing, children: [team-booking] }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: aaa-more }
spec: { targets: [./forged-more.yaml] }
`;

/** A location the forged one declares: what an untrusted location declares is untrusted too. */
const FORGED_MORE = `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: aaa-lucia-again
  annotations: { github.com/user-login: luciamoreno }
spec: { memberOf: [team-sre] }
`;

/** Two trusted Users (configuration) claiming one login that org sync does not know. */
const TWO_CLAIMS = `apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: kim-contractor
  annotations: { github.com/user-login: kim-c }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata:
  name: kim-consultant
  annotations: { github.com/user-login: kim-c }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Location
metadata: { name: more-contractors }
spec: { targets: [./more-contractors.yaml] }
`;

beforeAll(async () => {
  env = await startGithubEnvironment(SECRET, {
    catalog: [
      '  locations:',
      `    - { type: file, target: ${EXAMPLES}/groups.yaml }`,
      `    - { type: file, target: ${EXAMPLES}/users.yaml }`,
      '    - { type: file, target: ./contractors.yaml }',
    ],
    sections: [
      'auth:',
      '  admins: { logins: [], team: acme/team-sre }',
      '  local: { enabled: true }',
      `  serviceTokens: [{ name: ops, token: ${OPS_TOKEN}, scope: write }]`,
    ],
  });
  fs.writeFileSync(path.join(env.dir, 'contractors.yaml'), TWO_CLAIMS);
  fs.writeFileSync(
    path.join(env.dir, 'more-contractors.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: lee-temp\nspec: { memberOf: [] }\n',
  );
  fs.writeFileSync(path.join(env.dir, 'forged.yaml'), FORGED);
  fs.writeFileSync(path.join(env.dir, 'forged-more.yaml'), FORGED_MORE);
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
  api = await startRouteServer([
    [/^\/api\/catalog\/locations$/, [], locations],
    [/^\/api\/catalog\/locations\/([^/]+)$/, ['id'], locationById],
    [/^\/api\/catalog\/entities\/by-uid\/([^/]+)$/, ['uid'], byUid],
    [/^\/api\/catalog\/refresh$/, [], refresh],
  ]);
  // Org sync, registered by an admin (the ops service token): GitHub's own record of who is who.
  const org = await call(
    'POST',
    '/locations',
    { authorization: `Bearer ${OPS_TOKEN}` },
    { type: 'github-org', target: `${env.gh.url}/acme` },
  );
  expect(org.status).toBe(201);
}, 120_000);

afterAll(async () => {
  await api?.close();
  await env?.close();
});

describe('one person, one identity', () => {
  it('resolves a login that org sync and a configured file both describe to the org sync User, and counts both', async () => {
    expect(await resolveIdentity('jonasweber')).toEqual({
      status: 'found',
      ref: 'user:default/jonasweber',
      refs: ['user:default/jonas-weber', 'user:default/jonasweber'],
    });
    // jonasweber maintains team-routing in GitHub: org sync records him as its lead, and he gets it.
    const { cookie } = await githubSignIn('jonasweber');
    const jonas = await actorOf(cookie!);
    expect(jonas).toMatchObject({ userRef: 'user:default/jonasweber', leadOf: ['group:default/team-routing'], roles: ['lead', 'member'] });
    // A portal appointment made against his file-defined User counts for the same person.
    await t.db.prisma.groupLead.create({
      data: { groupRef: 'group:default/team-ml', userRef: 'user:default/jonas-weber', source: 'portal' },
    });
    expect((await actorOf(cookie!)).leadOf.sort()).toEqual(['group:default/team-ml', 'group:default/team-routing']);
  });

  it('gives a login that another GitHub account took over a portal user of its own, not the first holder’s', async () => {
    // next-auth's OAuth sign-in with the database adapter: the signIn callback, then the account's
    // user, or a new user linked to the account.
    const oauthSignIn = async (login: string, githubId: string): Promise<string> => {
      const account = { provider: 'github', type: 'oauth', providerAccountId: githubId };
      await authOptions().callbacks!.signIn!({ profile: { login }, user: { id: login }, account } as never);
      const adapter = wayfinderAdapter();
      const known = await adapter.getUserByAccount!({ provider: 'github', providerAccountId: githubId });
      if (known) return known.id;
      const created = await adapter.createUser!({ name: login, email: '', emailVerified: null, image: null, login } as never);
      await adapter.linkAccount!({ ...account, userId: created.id } as never);
      return created.id;
    };
    const first = await oauthSignIn('luciamoreno', '4001');
    await tokenFor({ id: first }, 'read');
    // Lucia renames her GitHub account, and someone else's account (another id) takes the login.
    const second = await oauthSignIn('luciamoreno', '4002');
    expect(second).not.toBe(first);
    expect(await t.db.prisma.apiToken.count({ where: { userId: second } })).toBe(0);
    expect(await t.db.prisma.user.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ login: null, entityRef: null });
    // Lucia signs in again under her new login: her own user, with it.
    expect(await oauthSignIn('lucia-m', '4001')).toBe(first);
    expect(await t.db.prisma.user.findUniqueOrThrow({ where: { id: first } })).toMatchObject({ login: 'lucia-m' });
  });

  it('refuses sign-in when two trusted Users claim one login, on a page naming both', async () => {
    const { result } = await githubSignIn('kim-c');
    expect(result).toBe('/sign-in/ambiguous-user?login=kim-c');
    const html = renderToStaticMarkup(await AmbiguousUserPage({ searchParams: Promise.resolve({ login: 'kim-c' }) }));
    expect(html).toContain('user:default/kim-consultant');
    expect(html).toContain('user:default/kim-contractor');
    expect(await t.db.prisma.user.findUnique({ where: { login: 'kim-c' } })).toBeNull();
  });
});

describe('catalog data a member registers grants nothing', () => {
  let lucia: { user: TestUser; cookie: string };
  let forgedLocation: string;

  beforeAll(async () => {
    const signedIn = await githubSignIn('luciamoreno');
    lucia = { user: signedIn.user!, cookie: signedIn.cookie! };
    // The attack: a member registers her own descriptors through the API (201, as before).
    const reg = await call('POST', '/locations', { cookie: lucia.cookie }, { type: 'file', target: path.join(env.dir, 'forged.yaml') });
    expect(reg.status).toBe(201);
    forgedLocation = reg.body.location.id;
    expect(
      reg.body.entities
        .filter((e: { metadata: { name: string } }) => !e.metadata.name.startsWith('generated-'))
        .map((e: { metadata: { name: string } }) => e.metadata.name)
        .sort(),
    ).toEqual(['aaa-bridge', 'aaa-grace', 'aaa-lucia', 'aaa-lucia-again', 'aaa-more', 'aaa-outsider', 'aaa-sre']);
    const declared = await t.db.prisma.location.findFirstOrThrow({ where: { parentId: forgedLocation } });
    expect(declared).toMatchObject({ target: path.join(env.dir, 'forged-more.yaml'), trusted: false });
    // What a configured location declares is trusted: lee-temp (no annotation) signs in by name.
    expect(await t.db.prisma.location.findFirstOrThrow({ where: { target: path.join(env.dir, 'more-contractors.yaml') } })).toMatchObject({
      origin: 'entity',
      trusted: true,
    });
    expect(await resolveIdentity('lee-temp')).toEqual({ status: 'found', ref: 'user:default/lee-temp', refs: ['user:default/lee-temp'] });
  });

  it('keeps her a plain member after she signs in again: no login claim, no admin-team membership', async () => {
    const again = await githubSignIn('luciamoreno');
    expect(again.result).toBe(true);
    const actor = await actorOf(again.cookie!);
    expect(actor).toMatchObject({ userRef: 'user:default/luciamoreno', roles: ['member'], leadOf: [] });
    expect((await resolveIdentity('luciamoreno')).status === 'found' && (await resolveIdentity('luciamoreno'))).toMatchObject({
      refs: ['user:default/lucia-moreno', 'user:default/luciamoreno'],
    });
    // No "Appoint a lead" for her: the action refuses, and the refusal is recorded.
    await signInAs(lucia.user);
    const { appointLeadAction } = await import('@/lib/auth/actions');
    expect(await appointLeadAction({ groupRef: 'group:default/team-sre', userRef: 'user:default/lucia-moreno' })).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
    expect(await auditRows({ actor: 'user:default/luciamoreno', action: 'permission.refused' })).toContainEqual(
      expect.objectContaining({ details: { attempted: 'appointLead', reason: 'you do not have the auth.lead.manage permission' } }),
    );
    // Refs as long as any other action takes them: a refusal does not write whatever she sends into the audit log.
    const long = `group:default/${'x'.repeat(100_000)}`;
    for (const input of [
      { groupRef: long, userRef: 'user:default/lucia-moreno' },
      { groupRef: 'group:default/team-sre', userRef: `user:default/${'x'.repeat(100_000)}` },
    ]) {
      expect(await appointLeadAction(input)).toMatchObject({ ok: false, code: 'BAD_REQUEST' });
    }
    const { removeLeadAction } = await import('@/lib/auth/actions');
    expect(await removeLeadAction({ groupRef: long, userRef: 'user:default/lucia-moreno' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
    });
    expect(await t.db.prisma.auditLog.count({ where: { target: long } })).toBe(0);
  });

  it('still resolves the admin login to the real admin, who is still an admin', async () => {
    expect(await resolveIdentity('graceokafor')).toEqual({
      status: 'found',
      ref: 'user:default/graceokafor',
      refs: ['user:default/grace-okafor', 'user:default/graceokafor'],
    });
    const { cookie } = await githubSignIn('graceokafor');
    expect((await actorOf(cookie!)).roles).toContain('admin');
  });

  it('does not let a forged User make an unknown GitHub login known', async () => {
    expect(await resolveIdentity('outsider-octocat')).toEqual({ status: 'unknown' });
    expect((await githubSignIn('outsider-octocat')).result).toBe('/sign-in/unknown-user?login=outsider-octocat');
    // Nor offers the forged Users for local sign-in or as leads to appoint.
    expect((await listSignInCandidates()).map((c) => c.ref).filter((r) => r.includes('aaa-'))).toEqual([]);
    // And an admin who types one in is told why it cannot lead: nobody can sign in as it.
    await signInAs({ login: 'graceokafor' });
    const { appointLeadAction } = await import('@/lib/auth/actions');
    expect(await appointLeadAction({ groupRef: 'group:default/team-sre', userRef: 'user:default/aaa-lucia' })).toMatchObject({
      ok: false,
      code: 'UNPROCESSABLE',
      error: expect.stringContaining('user:default/aaa-lucia is not a User from a trusted location'),
    });
    expect(await t.db.prisma.groupLead.count({ where: { userRef: 'user:default/aaa-lucia' } })).toBe(0);
  });

  it('does not let a forged Group hang another team under a lead: the lead of team-routing cannot delete what team-booking owns', async () => {
    const admin = await signInAs({ login: 'graceokafor' });
    const { saveManagedEntityAction } = await import('@/lib/catalog/actions');
    const yaml =
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: booking-widget\nspec:\n  type: library\n  lifecycle: production\n  owner: team-booking\n';
    expect(await saveManagedEntityAction({ mode: 'yaml', yaml })).toMatchObject({ ok: true });
    expect(
      await auditRows({ actor: 'user:default/graceokafor', action: 'entity.create', target: 'component:default/booking-widget' }),
    ).toHaveLength(1);
    const uid = (await t.db.prisma.entity.findUniqueOrThrow({ where: { ref: 'component:default/booking-widget' } })).id;

    const jonas = (await githubSignIn('jonasweber')).cookie!;
    const del = await call('DELETE', `/entities/by-uid/${uid}`, { cookie: jonas });
    expect(del.status).toBe(403);
    expect(del.body.error.message).toBe(
      'only admins and leads of group:default/team-booking (or of a group above it) may change component:default/booking-widget',
    );
    expect(
      await auditRows({ actor: 'user:default/jonasweber', action: 'permission.refused', target: 'component:default/booking-widget' }),
    ).toHaveLength(1);
    expect(admin.login).toBe('graceokafor');
  });

  it('lets only admins register org sync (a source of identity), and records the refusal', async () => {
    const res = await call('POST', '/locations', { cookie: lucia.cookie }, { type: 'github-org', target: `${env.gh.url}/other-org` });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('you do not have the catalog.location.orgSync permission');
    expect(
      await auditRows({ actor: 'user:default/luciamoreno', action: 'permission.refused', target: `github-org:${env.gh.url}/other-org` }),
    ).toHaveLength(1);
  });

  it('records her registration, and the admin unregistering it', async () => {
    expect(await auditRows({ actor: 'user:default/luciamoreno', action: 'location.register' })).toEqual([
      expect.objectContaining({ target: `file:${path.join(env.dir, 'forged.yaml')}`, details: { id: forgedLocation, via: 'api' } }),
    ]);
    expect((await call('DELETE', `/locations/${forgedLocation}`, { cookie: lucia.cookie })).status).toBe(403);
    expect((await call('DELETE', `/locations/${forgedLocation}`, { authorization: `Bearer ${OPS_TOKEN}` })).status).toBe(204);
    expect(await auditRows({ actor: 'service:ops', action: 'location.unregister' })).toEqual([
      expect.objectContaining({ target: `file:${path.join(env.dir, 'forged.yaml')}` }),
    ]);
    expect(await t.db.prisma.entity.count({ where: { name: { startsWith: 'aaa-' } } })).toBe(0);
  });

  it('does not let a Location she registers declare org sync, nor an untrusted org sync make her a lead', async () => {
    // On GitHub she maintains, in an org of her own, a team named like a portal group she does not lead.
    env.gh.state.addOrg({ login: 'lucia-org' });
    env.gh.state.addOrgMember('lucia-org', 'luciamoreno', 'admin');
    env.gh.state.addTeam('lucia-org', { name: 'team-booking' });
    env.gh.state.addTeamMember('lucia-org', 'team-booking', 'luciamoreno', 'maintainer');
    const orgUrl = `${env.gh.url}/lucia-org`;
    const file = path.join(env.dir, 'forged-org.yaml');
    fs.writeFileSync(
      file,
      `apiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata: { name: aaa-org }\nspec: { type: github-org, target: ${orgUrl} }\n`,
    );

    const preview = await call('POST', '/locations?dryRun=true', { cookie: lucia.cookie }, { type: 'file', target: file });
    expect(preview.status).toBeLessThan(300);
    const refusal = `the Location's target ${orgUrl} is org sync (github-org), a source of identity and roles: only wayfinder.config.yaml or an admin may add one, so ask an admin to register it`;
    expect(JSON.stringify(preview.body.errors)).toContain(refusal);
    const reg = await call('POST', '/locations', { cookie: lucia.cookie }, { type: 'file', target: file });
    expect(reg.status).toBe(201);
    expect(await t.db.prisma.location.count({ where: { type: 'github-org', target: orgUrl } })).toBe(0);
    expect(
      await t.db.prisma.processingError.findMany({
        where: { locationId: reg.body.location.id },
        select: { entityRef: true, message: true },
      }),
    ).toEqual([{ entityRef: 'location:default/aaa-org', message: refusal }]);

    // An org sync location that is not trusted (one registered through the API before locations
    // recorded trust) is read, but appoints no lead.
    const untrusted = await t.db.prisma.location.create({ data: { type: 'github-org', target: orgUrl, origin: 'api', trusted: false } });
    const [summary] = await ingestLocationTree(untrusted.id);
    expect(summary.added + summary.errors).toBeGreaterThan(0);
    expect(await t.db.prisma.groupLead.findMany({ where: { userRef: { startsWith: 'user:default/lucia' } } })).toEqual([]);
    expect(await actorOf(lucia.cookie)).toMatchObject({ roles: ['member'], leadOf: [] });
    await t.db.prisma.location.deleteMany({ where: { id: { in: [untrusted.id, reg.body.location.id] } } });
  });

  it('does not make the maintainer of a new GitHub team a lead of a configured Group that only shares its name', async () => {
    // Any member of a GitHub organisation may create a team (GitHub's default) and maintains it.
    // She names one like the configured root group, which is no GitHub team: leading it would
    // make her a lead of every group below it, so of the whole catalog.
    env.gh.state.addTeam('acme', { name: 'Acme Logistics', slug: 'acme-logistics' }, 'luciamoreno');
    env.gh.state.addTeamMember('acme', 'acme-logistics', 'luciamoreno', 'maintainer');
    const org = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org', target: `${env.gh.url}/acme` } });
    try {
      await ingestLocationTree(org.id);
      expect(await t.db.prisma.groupLead.findMany({ where: { groupRef: 'group:default/acme-logistics' } })).toEqual([]);
      expect(await actorOf(lucia.cookie)).toMatchObject({ roles: ['member'], leadOf: [] });
      // A configured Group that names its GitHub team (github.com/team-slug) gets the team's maintainers.
      expect((await actorOf((await githubSignIn('jonasweber')).cookie!)).leadOf).toContain('group:default/team-routing');
    } finally {
      env.gh.state.deleteTeam('acme', 'acme-logistics');
      await ingestLocationTree(org.id);
    }
  });

  it('does not make the members of a new GitHub team admins when the admin team is a configured Group that only shares its name', async () => {
    // auth.admins.team names a Group of the configuration that is no GitHub team (here the root group).
    const file = process.env.WAYFINDER_CONFIG!;
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('team: acme/team-sre', 'team: acme/acme-logistics'));
    resetConfigForTests();
    env.gh.state.addTeam('acme', { name: 'Acme Logistics', slug: 'acme-logistics' }, 'luciamoreno');
    env.gh.state.addTeamMember('acme', 'acme-logistics', 'luciamoreno', 'maintainer');
    const org = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org', target: `${env.gh.url}/acme` } });
    try {
      await ingestLocationTree(org.id);
      expect(await actorOf(lucia.cookie)).toMatchObject({ roles: ['member'] });
    } finally {
      fs.writeFileSync(file, original);
      resetConfigForTests();
      env.gh.state.deleteTeam('acme', 'acme-logistics');
      await ingestLocationTree(org.id);
    }
    // The configured admin team is a GitHub team (acme/team-sre, which its configured Group names):
    // whom GitHub puts in it is an admin.
    env.gh.state.addTeamMember('acme', 'team-sre', 'luciamoreno');
    try {
      await ingestLocationTree(org.id);
      expect((await actorOf(lucia.cookie)).roles).toContain('admin');
    } finally {
      env.gh.state.removeTeamMember('acme', 'team-sre', 'luciamoreno');
      await ingestLocationTree(org.id);
    }
    expect(await actorOf(lucia.cookie)).toMatchObject({ roles: ['member'] });
  });

  it('takes the lead away from the maintainers of a GitHub team that is deleted, on the configured Group that names it', async () => {
    const org = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org', target: `${env.gh.url}/acme` } });
    const jonas = (await githubSignIn('jonasweber')).cookie!;
    expect((await actorOf(jonas)).leadOf).toContain('group:default/team-routing');
    const team = env.gh.state.world.team('acme', 'team-routing')!;
    env.gh.state.deleteTeam('acme', 'team-routing');
    try {
      await ingestLocationTree(org.id);
      // The file still describes team-routing (github.com/team-slug: acme/team-routing); GitHub no longer has the team.
      expect(await t.db.prisma.groupLead.findMany({ where: { groupRef: 'group:default/team-routing', source: 'github' } })).toEqual([]);
      expect((await actorOf(jonas)).leadOf).not.toContain('group:default/team-routing');
    } finally {
      env.gh.state.world.teams.set('acme/team-routing', team);
      await ingestLocationTree(org.id);
    }
    expect((await actorOf(jonas)).leadOf).toContain('group:default/team-routing');
  });
});

describe('API tokens cannot mint or widen tokens', () => {
  it('refuses creating or revoking a token with a read token or a write token (browser session only)', async () => {
    const member = await signInAs({ login: 'priyaraman' });
    const { createApiTokenAction, revokeApiTokenAction } = await import('@/lib/auth/actions');
    const read = await tokenFor(member, 'read');
    const write = await tokenFor(member, 'write');
    const before = await t.db.prisma.apiToken.count();
    for (const token of [read.token, write.token]) {
      useBearer(token);
      const minted = await createApiTokenAction({ name: 'escalated', scope: 'write', expiresInDays: 30 });
      expect(minted).toEqual({
        ok: false,
        code: 'UNAUTHENTICATED',
        error: 'this needs a signed-in browser session; API tokens work only on the REST API (/api/catalog)',
      });
      expect(await revokeApiTokenAction({ id: read.id })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    }
    expect(await t.db.prisma.apiToken.count()).toBe(before);
    expect((await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id: read.id } })).revokedAt).toBeNull();
    signOut();
  });

  it('lets a member create tokens only within the member limits, and records create and revoke', async () => {
    const member = await signInAs({ login: 'tombakker' });
    const { createApiTokenAction, revokeApiTokenAction } = await import('@/lib/auth/actions');
    const tooLong = await createApiTokenAction({ name: 'forever', scope: 'read', expiresInDays: 365 });
    expect(tooLong).toEqual({
      ok: false,
      code: 'FORBIDDEN',
      error: 'a token you create may live at most 90 days (auth.apiTokens.maxDays); choose a shorter expiry',
    });
    expect(await createApiTokenAction({ name: 'never', scope: 'read', expiresInDays: 'none' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
    });
    const ok = await createApiTokenAction({ name: 'ci', scope: 'write', expiresInDays: '90' });
    expect(ok.ok).toBe(true);
    const row = await t.db.prisma.apiToken.findFirstOrThrow({ where: { userId: member.id, name: 'ci' } });
    expect(row.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(90 * 86_400_000);
    expect(await revokeApiTokenAction({ id: row.id })).toMatchObject({ ok: true });
    const rows = await auditRows({ actor: 'user:default/tombakker' });
    expect(rows.map((r) => [r.action, r.target])).toEqual([
      ['permission.refused', null],
      ['token.create', `token:${row.prefix}`],
      ['token.revoke', `token:${row.prefix}`],
    ]);

    // An admin's limit is adminMaxDays (365).
    await signInAs({ login: 'graceokafor' });
    expect(await createApiTokenAction({ name: 'ops', scope: 'write', expiresInDays: 365 })).toMatchObject({ ok: true });
    expect(await createApiTokenAction({ name: 'ops-too-long', scope: 'write', expiresInDays: 366 })).toMatchObject({
      ok: false,
      error: expect.stringContaining('auth.apiTokens.adminMaxDays'),
    });
  });

  it('gives a write token no more than its owner: a member write token cannot delete a location', async () => {
    const member = await signInAs({ login: 'tombakker' });
    const { token } = await tokenFor(member, 'write');
    const loc = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org' } });
    const res = await call('DELETE', `/locations/${loc.id}`, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(403);
    expect(await auditRows({ actor: 'user:default/tombakker', action: 'permission.refused', target: null })).toContainEqual(
      expect.objectContaining({
        details: { attempted: `DELETE /api/catalog/locations/${loc.id}`, reason: 'you do not have the catalog.location.delete permission' },
      }),
    );
  });
});

describe('a signed-in browser cannot be made to write from another site', () => {
  it("refuses a cookie-authenticated write whose Origin is not the portal's, and lets the portal's pages and tokens through", async () => {
    const { cookie } = await githubSignIn('luciamoreno');
    const body = { entityRef: 'group:default/team-sre' };
    // A form on a sibling subdomain: same site, so the Lax cookie is sent, with the page's Origin.
    for (const headers of [
      { origin: 'https://evil.corp.example', 'content-type': 'text/plain' },
      { origin: 'null' },
      { 'sec-fetch-site': 'same-site' },
    ] as Record<string, string>[]) {
      const res = await call('POST', '/refresh', { cookie: cookie!, ...headers }, body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /^a POST with the portal's sign-in cookie from another origin \(.+\) is refused; send it from the portal's own pages, or with an API token$/,
      );
    }
    // Each refusal is in the audit log under the person whose cookie was sent.
    const refused = await auditRows({ actor: 'user:default/luciamoreno', action: 'permission.refused' });
    expect(refused.filter((r) => /from another origin/.test(JSON.stringify(r.details)))).toHaveLength(3);
    expect(refused).toContainEqual(
      expect.objectContaining({ details: expect.objectContaining({ attempted: 'POST /api/catalog/refresh' }) }),
    );
    // The portal's own page (same origin), a client that is not a browser page, and a token.
    expect(
      (await call('POST', '/refresh', { cookie: cookie!, origin: new URL(api.url).origin, 'sec-fetch-site': 'same-origin' }, body)).status,
    ).toBe(200);
    expect((await call('POST', '/refresh', { cookie: cookie! }, body)).status).toBe(200);
    expect(
      (await call('POST', '/refresh', { authorization: `Bearer ${OPS_TOKEN}`, origin: 'https://evil.corp.example' }, body)).status,
    ).toBe(200);
    // Reads are not writes.
    expect(
      (await call('GET', '/entities/by-uid/00000000-0000-7000-8000-000000000000', { cookie: cookie!, origin: 'https://evil.corp.example' }))
        .status,
    ).toBe(404);
  });
});

describe('sign-in redirects stay on the portal', () => {
  it('sends local sign-in with a hostile callback to /', async () => {
    const { localSignInAction } = await import('@/lib/auth/actions');
    for (const callbackUrl of ['/\\evil.example/', '/\t/evil.example', '//evil.example', 'https:evil.example']) {
      const form = new FormData();
      form.set('userRef', 'user:default/tom-bakker');
      form.set('callbackUrl', callbackUrl);
      const err = await localSignInAction(null, form).then(
        () => null,
        (e: { digest?: string }) => e,
      );
      expect(err?.digest).toMatch(/^NEXT_REDIRECT;replace;\/;/);
    }
  });

  it('shows the sign-in page, with what next-auth says went wrong, whatever ?error names', async () => {
    signOut();
    const render = async (error: string) => renderToStaticMarkup(await SignInPage({ searchParams: Promise.resolve({ error }) }));
    expect(await render('AccessDenied')).toContain('Sign-in was refused.');
    // Names of Object.prototype's members: `__proto__` rendered an object, which React refuses (an error page).
    for (const error of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await render(error)).toContain(`Sign-in failed (${error}).`);
    }
  });

  it("checks next-auth's redirect callback too", () => {
    const redirect = authOptions().callbacks!.redirect!;
    const baseUrl = 'https://portal.acme.test';
    expect(redirect({ url: `${baseUrl}/catalog?kind=api`, baseUrl })).toBe(`${baseUrl}/catalog?kind=api`);
    for (const url of ['/\\evil.example', 'https://evil.example/', `${baseUrl}.evil.example`, 'javascript:alert(1)'])
      expect(redirect({ url, baseUrl })).toBe(`${baseUrl}/`);
  });
});

describe('next-auth without GitHub sign-in configured', () => {
  it('answers 404 naming auth.github for every /api/auth path, where next-auth answered 500', async () => {
    for (const [method, parts] of [
      ['GET', ['providers']],
      ['GET', ['signin', 'github']],
      ['GET', ['callback', 'github']],
      ['GET', ['session']],
      ['POST', ['signin', 'github']],
    ] as const) {
      const req = new Request(`http://wayfinder.test/api/auth/${parts.join('/')}`, { method });
      const res = await nextAuthRoute[method](req, { params: Promise.resolve({ nextauth: [...parts] }) });
      expect(res.status).toBe(404);
      expect((await res.json()).error).toEqual({
        name: 'NotFoundError',
        message: expect.stringContaining('GitHub sign-in is not configured: set auth.github'),
      });
    }
  });
});

describe('the audit log through the REST API', () => {
  it('records a refresh and a delete by uid', async () => {
    const ops = { authorization: `Bearer ${OPS_TOKEN}` };
    expect((await call('POST', '/refresh', ops, { entityRef: 'group:default/team-ml' })).status).toBe(200);
    const uid = (await t.db.prisma.entity.findUniqueOrThrow({ where: { ref: 'component:default/booking-widget' } })).id;
    expect((await call('DELETE', `/entities/by-uid/${uid}`, ops)).status).toBe(204);
    const rows = await auditRows({ actor: 'service:ops' });
    expect(rows.map((r) => [r.action, r.target])).toEqual(
      expect.arrayContaining([
        ['location.register', `github-org:${env.gh.url}/acme`],
        ['entity.refresh', 'group:default/team-ml'],
        ['entity.delete', 'component:default/booking-widget'],
      ]),
    );
  });
});

describe('someone the catalog no longer has', () => {
  it('is signed out at once, browser session and API token alike, while a User still there stays signed in', async () => {
    const file = path.join(env.dir, 'more-contractors.yaml');
    const before = fs.readFileSync(file, 'utf8');
    const leaver = 'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: sam-leaver\nspec: { memberOf: [] }\n';
    fs.writeFileSync(file, `${before}---\n${leaver}`);
    const reingest = async () => {
      for (const id of await syncConfigLocations()) await ingestLocationTree(id);
    };
    await reingest();
    const sam = await githubSignIn('sam-leaver');
    expect(sam.result).toBe(true);
    const { token } = await tokenFor(sam.user!, 'read');
    expect((await actorOf(sam.cookie!)).userRef).toBe('user:default/sam-leaver');
    expect((await call('GET', '/locations', { authorization: `Bearer ${token}` })).status).toBe(200);

    // Sam leaves: the file that described them no longer does (as org sync drops a person who left).
    fs.writeFileSync(file, before);
    await reingest();
    expect(await resolveIdentity('sam-leaver')).toEqual({ status: 'unknown' });
    await expect(actorOf(sam.cookie!)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const refused = await call('GET', '/locations', { authorization: `Bearer ${token}` });
    expect(refused.status).toBe(401);
    expect(refused.body.error.message).toContain('user:default/sam-leaver is no longer a User of the catalog');
    // GitHub sign-in refuses them too now.
    expect((await githubSignIn('sam-leaver')).result).toBe('/sign-in/unknown-user?login=sam-leaver');
    // lee-temp, declared by the same file and still in it, is not affected.
    const lee = await githubSignIn('lee-temp');
    expect((await actorOf(lee.cookie!)).userRef).toBe('user:default/lee-temp');
  }, 60_000);

  it('is signed out when auth.allowUnknownUsers is turned off, if they came in as an unknown user, unless their login is now a User', async () => {
    const file = process.env.WAYFINDER_CONFIG!;
    const original = fs.readFileSync(file, 'utf8');
    const setAllowUnknown = (allow: boolean) => {
      fs.writeFileSync(file, original.replace('  local: { enabled: true }', `  local: { enabled: true }\n  allowUnknownUsers: ${allow}`));
      resetConfigForTests();
    };
    const users = path.join(env.dir, 'more-contractors.yaml');
    const before = fs.readFileSync(users, 'utf8');
    const reingest = async () => {
      for (const id of await syncConfigLocations()) await ingestLocationTree(id);
    };
    try {
      setAllowUnknown(true);
      // Pat is on no User: let in while unknown users are allowed, with no User recorded (entityRef null).
      const pat = await githubSignIn('pat-visitor');
      expect(pat.result).toBe(true);
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: pat.user!.id } })).entityRef).toBeNull();
      const { token } = await tokenFor(pat.user!, 'read');
      expect((await actorOf(pat.cookie!)).userRef).toBeNull();
      expect((await call('GET', '/locations', { authorization: `Bearer ${token}` })).status).toBe(200);

      // The admin turns unknown users off: Pat's session and token stop working at once.
      setAllowUnknown(false);
      await expect(actorOf(pat.cookie!)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      const refused = await call('GET', '/locations', { authorization: `Bearer ${token}` });
      expect(refused.status).toBe(401);
      expect(refused.body.error.message).toContain('pat-visitor is on no User of the catalog');

      // Pat's login becomes a User of the catalog: the same session and token work again.
      fs.writeFileSync(
        users,
        `${before}---\napiVersion: backstage.io/v1alpha1\nkind: User\nmetadata:\n  name: pat-visitor\nspec: { memberOf: [] }\n`,
      );
      await reingest();
      expect((await actorOf(pat.cookie!)).userRef).toBe('user:default/pat-visitor');
      expect((await call('GET', '/locations', { authorization: `Bearer ${token}` })).status).toBe(200);
    } finally {
      fs.writeFileSync(file, original);
      resetConfigForTests();
      fs.writeFileSync(users, before);
      await reingest();
    }
  }, 60_000);
});

describe('expired sessions', () => {
  it('are deleted by the daily upkeep, live ones kept', async () => {
    const { user } = await githubSignIn('sannedevries');
    const before = await t.db.prisma.session.count({ where: { userId: user!.id } });
    const { token } = await createSession(user!.id);
    const live = await t.db.prisma.session.count();
    // A session past its expiry that nobody presents again (a closed browser, a cookie thrown away).
    await t.db.prisma.session.create({
      data: { sessionToken: `expired-${token}`, userId: user!.id, expires: new Date(Date.now() - 1000) },
    });
    expect(await pruneExpiredSessions()).toBe(1);
    expect(await t.db.prisma.session.count()).toBe(live);
    expect(await t.db.prisma.session.count({ where: { userId: user!.id } })).toBe(before + 1);
  });
});
