import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, sessionCookieFor, tokenFor } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { CATALOG_ROUTES } from '@/testing/catalog-routes';
import { startRouteServer } from '@/testing/route-server';

// Who may call the catalog API: forged or stale credentials are refused by the route handlers
// themselves (proxy.ts is only a convenience), with Backstage's error shape.

const t = useTestDb();

const WRITE_SERVICE = 'svc-ci-write-0123456789abcdef';
const READ_SERVICE = 'svc-scraper-read-0123456789abcdef';

const config = useTestConfig(
  'auth-api',
  [
    'catalog:',
    '  fileLocationRoots: [.]',
    'auth:',
    '  admins: { logins: [the-admin] }',
    // The people below are on no User of the catalog.
    '  allowUnknownUsers: true',
    '  serviceTokens:',
    `    - { name: ci, token: ${WRITE_SERVICE}, scope: write }`,
    `    - { name: scraper, token: ${READ_SERVICE}, scope: read }`,
    '',
  ].join('\n'),
);
let server: Awaited<ReturnType<typeof startRouteServer>>;
let locationId: string;

async function call(method: string, pathname: string, headers: Record<string, string> = {}, body?: unknown) {
  const res = await fetch(`${server.url}/api/catalog${pathname}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  fs.writeFileSync(
    path.join(config.dir, 'catalog-info.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: orders\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
  );
  server = await startRouteServer(CATALOG_ROUTES);
  const created = await call('POST', '/locations', bearer(WRITE_SERVICE), {
    type: 'file',
    target: path.join(config.dir, 'catalog-info.yaml'),
  });
  expect(created.status).toBe(201);
  locationId = created.body.location.id;
});

afterAll(async () => {
  await server?.close();
});

describe('catalog API authentication and permissions', () => {
  it('answers 401 in Backstage error shape without credentials, or with an unknown token', async () => {
    for (const headers of [{}, bearer('wfp_not-a-real-token'), { authorization: 'Basic abc' }]) {
      const res = await call('GET', '/entities', headers);
      expect(res.status).toBe(401);
      expect(res.body.error.name).toBe('AuthenticationError');
    }
  });

  it('serves a signed-in browser session', async () => {
    const user = await createTestUser({ login: 'browser-member' });
    const res = await call('GET', '/entities', { cookie: await sessionCookieFor(user) });
    expect(res.status).toBe(200);
    expect(res.body.map((e: { metadata: { name: string } }) => e.metadata.name)).toContain('orders');
  });

  it('refuses a member deleting a location (403), and the location stays', async () => {
    const member = await createTestUser({ login: 'plain-member' });
    const res = await call('DELETE', `/locations/${locationId}`, { cookie: await sessionCookieFor(member) });
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({ name: 'NotAllowedError', message: 'you do not have the catalog.location.delete permission' });
    expect((await call('GET', `/locations/${locationId}`, bearer(WRITE_SERVICE))).status).toBe(200);
  });

  it('lets a read-scope token read but not write, even for an admin', async () => {
    const admin = await createTestUser({ login: 'the-admin' });
    const { token } = await tokenFor(admin, 'read');
    expect((await call('GET', '/entities', bearer(token))).status).toBe(200);
    const post = await call('POST', '/locations', bearer(token), {
      type: 'file',
      target: path.join(config.dir, 'catalog-info.yaml'),
      dryRun: true,
    });
    expect(post.status).toBe(403);
    expect(post.body.error.message).toContain('read scope');
    expect((await call('DELETE', `/locations/${locationId}`, bearer(token))).status).toBe(403);
    expect((await call('POST', '/locations', bearer(READ_SERVICE), { type: 'file', target: 'x' })).status).toBe(403);
  });

  it('stops accepting a personal token once it is revoked or expired (401)', async () => {
    const user = await createTestUser({ login: 'token-owner' });
    const revoked = await tokenFor(user, 'write');
    expect((await call('GET', '/entities', bearer(revoked.token))).status).toBe(200);
    await t.db.prisma.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const afterRevoke = await call('GET', '/entities', bearer(revoked.token));
    expect(afterRevoke.status).toBe(401);
    expect(afterRevoke.body.error.message).toBe('the bearer token was revoked');

    const expired = await tokenFor(user, 'write');
    await t.db.prisma.apiToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const afterExpiry = await call('GET', '/entities', bearer(expired.token));
    expect(afterExpiry.status).toBe(401);
    expect(afterExpiry.body.error.message).toBe('the bearer token has expired');
  });

  it('stores only the hash of a personal token', async () => {
    const user = await createTestUser({ login: 'hash-check' });
    const { token, id } = await tokenFor(user, 'read');
    const row = await t.db.prisma.apiToken.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('attributes service-token writes to the service and audits every mutating request', async () => {
    const before = await t.db.prisma.auditLog.count({ where: { actor: 'service:ci' } });
    const dry = await call('POST', '/locations?dryRun=true', bearer(WRITE_SERVICE), {
      type: 'file',
      target: path.join(config.dir, 'catalog-info.yaml'),
    });
    expect(dry.status).toBe(201);
    await call('GET', '/entities', bearer(WRITE_SERVICE)); // reads are not audited, by GET or by POST
    expect((await call('POST', '/entities/by-query', bearer(WRITE_SERVICE), { query: { kind: 'component' } })).status).toBe(200);
    const rows = await t.db.prisma.auditLog.findMany({ where: { actor: 'service:ci' }, orderBy: { at: 'asc' } });
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({ action: 'api.post', target: '/api/catalog/locations', details: { status: 201 } });
  });
});
