import fs from 'node:fs';
import path from 'node:path';
import { Octokit } from '@octokit/rest';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { registerLocation, unregisterLocation } from '@/lib/catalog/location-admin';
import { getEntityByRef } from '@/lib/catalog/queries/served-entities';
import { processDeliveryJob } from '@/lib/runtime/webhooks';
import { CHECK_NAME, MAX_ANNOTATIONS, MAX_CHECKED_FILES } from '@/lib/catalog/events/pull-request';
import { pruneGithubResponseCache } from '@/lib/github/client';
import { readRepoFile } from '@/lib/github/repo-files';
import { openSecondInstance } from '@/testing/second-instance';
import { usingPostgres, useTestDb } from '@/testing/test-db';
import type { GitHubStandIn } from '@/standins/github/server';
import { SEED_TOKEN } from '@/standins/github/seed';
import { startGithubEnvironment, until, untilSettled, type GithubEnvironment } from '@/testing/github-environment';

// The GitHub integration against the local GitHub stand-in: URL, discovery and org sources, and
// signed webhooks sent by the stand-in to the real route handler, processed by the real job queue.

const t = useTestDb();
const SECRET = 'webhook-test-secret';
let env: GithubEnvironment;
let gh: GitHubStandIn;

const blob = (repo: string, file = 'catalog-info.yaml') => `${gh.url}/acme/${repo}/blob/main/${file}`;

async function deliver(event: string, body: string, headers: Record<string, string> = {}) {
  return fetch(`${env.appUrl}/api/webhooks/github`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-github-event': event, 'x-github-delivery': crypto.randomUUID(), ...headers },
    body,
  });
}

beforeAll(async () => {
  env = await startGithubEnvironment(SECRET);
  gh = env.gh;
}, 60_000);

afterAll(() => env?.close());

describe('GitHub sources', () => {
  it('reads a url location from a GitHub blob URL, with $text resolved inside the repository', async () => {
    const { id } = await registerLocation({ type: 'url', target: blob('booking-service') });
    const api = await getEntityByRef('api:default/booking-api');
    expect(api?.spec?.definition).toMatch(/openapi: 3/);
    expect(api?.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location': `url:${blob('booking-service')}`,
      // Backstage's AnnotateLocationEntityProcessor's.
      'backstage.io/view-url': blob('booking-service'),
      'backstage.io/edit-url': `${gh.url}/acme/booking-service/edit/main/catalog-info.yaml`,
      'backstage.io/source-location': `url:${gh.url}/acme/booking-service/tree/main/`,
    });
    expect(await t.db.prisma.processingError.count({ where: { locationId: id } })).toBe(0);
  });

  it('reads a $text GitHub URL in a file descriptor through the integration', async () => {
    const file = path.join(env.dir, 'remote-definition/catalog-info.yaml');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const definition = blob('booking-service', 'openapi.yaml');
    fs.writeFileSync(
      file,
      `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: remote-definition\nspec:\n  type: openapi\n  lifecycle: production\n  owner: team-a\n  definition:\n    $text: ${definition}\n`,
    );
    const { id } = await registerLocation({ type: 'file', target: file });
    expect(await t.db.prisma.processingError.findMany({ where: { locationId: id } })).toEqual([]);
    expect((await getEntityByRef('api:default/remote-definition'))?.spec?.definition).toMatch(/openapi: 3/);
  });

  it('discovers every repository with a catalog file, and a second pass costs no per-repository calls', async () => {
    const { summaries } = await registerLocation({ type: 'github-discovery', target: `${gh.url}/acme` });
    const children = await t.db.prisma.location.findMany({ where: { type: 'url', parent: { type: 'github-discovery' } } });
    // 51 component repositories (booking-service is already registered on its own) and acme/catalog.
    expect(children.length).toBeGreaterThanOrEqual(51);
    // acme/catalog's root Location entity adds the locations it declares.
    expect(summaries.length).toBeGreaterThan(children.length);
    expect(await getEntityByRef('component:default/shipments-service')).not.toBeNull();

    const before = gh.state.world.rateLimit.remaining;
    const discovery = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-discovery' } });
    const { ingestLocation } = await import('@/lib/catalog/ingest/ingest-location');
    await ingestLocation(discovery.id);
    expect(before - gh.state.world.rateLimit.remaining).toBeLessThanOrEqual(2);
  });

  it('turns teams into Groups and members into Users, with maintainers as leads', async () => {
    await t.db.prisma.entity.deleteMany({ where: { kind: { in: ['Group', 'User'] } } });
    await t.db.prisma.location.deleteMany({ where: { target: { contains: '/acme/catalog/' } } });
    await registerLocation({ type: 'github-org', target: `${gh.url}/acme` });
    const team = gh.state.world.team('acme', 'team-shipments')!;
    const group = await getEntityByRef('group:default/team-shipments');
    expect(group?.spec?.profile).toMatchObject({ displayName: team.name });
    const [maintainer] = [...team.members].find(([, role]) => role === 'maintainer')!;
    const user = await getEntityByRef(`user:default/${maintainer}`);
    expect(user?.metadata.annotations?.['github.com/user-login']).toBe(maintainer);
    expect(user?.relations).toContainEqual({ type: 'memberOf', targetRef: 'group:default/team-shipments' });
    const leads = await t.db.prisma.groupLead.findMany({ where: { groupRef: 'group:default/team-shipments' } });
    expect(leads.map((l) => l.userRef)).toEqual([`user:default/${maintainer.toLowerCase()}`]);
  });

  it('keeps the leads org sync appointed, with its Groups and Users, while GitHub cannot be read', async () => {
    const org = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org' } });
    const leads = () => t.db.prisma.groupLead.findMany({ where: { source: 'github' }, orderBy: [{ groupRef: 'asc' }, { userRef: 'asc' }] });
    const before = await leads();
    expect(before.length).toBeGreaterThan(0);
    gh.state.revokeToken(SEED_TOKEN);
    try {
      await ingestLocationTree(org.id);
      const [error] = await t.db.prisma.processingError.findMany({ where: { locationId: org.id } });
      expect(error.message).toContain('GitHub rejected the credentials');
      expect(await getEntityByRef('group:default/team-shipments')).not.toBeNull();
      expect(await leads()).toEqual(before);
    } finally {
      gh.state.issueToken(gh.state.actor!, ['repo', 'read:org', 'user:email', 'workflow'], SEED_TOKEN);
    }
    await ingestLocationTree(org.id);
    expect(await t.db.prisma.processingError.count({ where: { locationId: org.id } })).toBe(0);
  });

  it('keeps the last good entities and stores a clear error when GitHub keeps failing', async () => {
    const loc = await t.db.prisma.location.findFirstOrThrow({ where: { target: blob('booking-service') } });
    gh.state.failNext(20, 502);
    await ingestLocationTree(loc.id);
    gh.state.world.faults.length = 0;
    expect(await getEntityByRef('component:default/booking-service')).not.toBeNull();
    const [error] = await t.db.prisma.processingError.findMany({ where: { locationId: loc.id } });
    expect(error.message).toContain('GitHub failed (HTTP 502)');
    await ingestLocationTree(loc.id);
    expect(await t.db.prisma.processingError.count({ where: { locationId: loc.id } })).toBe(0);
  }, 60_000);
});

describe('GitHub URLs whose parts leave their place', () => {
  // A part of a GitHub URL goes into a GitHub API path (/repos/{owner}/{repo}/git/trees/{ref}): a
  // repository named "../blob/main/x" (%2F) made the analyzer ask GitHub for /repos/git/trees/main,
  // another endpoint; a malformed % escape threw a URIError (a 500).
  const requestsDuring = async (run: () => Promise<unknown>) => {
    const before = gh.state.world.requestLog.length;
    const outcome = await run().then(
      () => 'answered',
      (err: unknown) => err,
    );
    return { outcome, paths: gh.state.world.requestLog.slice(before).map((r) => r.path) };
  };

  it('refuses them before asking GitHub, with a client error', async () => {
    const { analyzeLocation } = await import('@/lib/catalog/api/analyze-location');
    // (The earlier tests' webhook deliveries read GitHub too: counted from when they are done.)
    await untilSettled(env);
    for (const target of [
      `${gh.url}/acme/..%2Fblob%2Fmain%2Fcatalog-info.yaml`,
      `${gh.url}/acme/%E0%A4%A`,
      `${gh.url}/acme/payments%2F..`,
    ]) {
      const { outcome, paths } = await requestsDuring(() => analyzeLocation({ location: { type: 'url', target } }));
      expect(outcome).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining('is not a repository on a configured GitHub integration'),
      });
      expect(paths).toEqual([]);
    }
    for (const url of [blob('booking-service', '..%2F..%2Fother-repo/catalog-info.yaml'), blob('booking-service', '%E0%A4%A')]) {
      const { outcome, paths } = await requestsDuring(() => readRepoFile(url));
      expect(outcome).toMatchObject({ message: expect.stringMatching(/is not a GitHub file URL .*no part "\." or "\.\." and no %2F/) });
      expect(paths).toEqual([]);
    }
  });
});

describe('cached GitHub answers', () => {
  it('keeps an answer in use, marked at most daily, and prunes what nobody used for 30 days', async () => {
    await t.db.prisma.githubResponseCache.deleteMany();
    const DAY = 86_400_000;
    const ago = (days: number) => new Date(Date.now() - days * DAY);
    const contents = (repo: string) => ({ key: { contains: `/repos/acme/${repo}/contents/catalog-info.yaml` } });
    await readRepoFile(blob('booking-service'));
    await readRepoFile(blob('shipments-service'));
    // Read again, unchanged: a 304 served from the cache marks the row used.
    await t.db.prisma.githubResponseCache.updateMany({ where: contents('booking-service'), data: { usedAt: ago(2) } });
    const from = Date.now();
    expect((await readRepoFile(blob('booking-service')))?.text).toContain('name: booking-service');
    expect(gh.state.requests.filter((r) => r.at >= from && r.path.endsWith('/contents/catalog-info.yaml')).map((r) => r.status)).toEqual([
      304,
    ]);
    const used = await t.db.prisma.githubResponseCache.findFirstOrThrow({ where: contents('booking-service') });
    expect(used.usedAt.getTime()).toBeGreaterThanOrEqual(from - 1000);

    await t.db.prisma.githubResponseCache.updateMany({ where: contents('booking-service'), data: { usedAt: ago(29) } });
    await t.db.prisma.githubResponseCache.updateMany({ where: contents('shipments-service'), data: { usedAt: ago(31) } });
    expect(await pruneGithubResponseCache()).toBe(1);
    expect(await t.db.prisma.githubResponseCache.count({ where: contents('booking-service') })).toBe(1);
    expect(await t.db.prisma.githubResponseCache.count({ where: contents('shipments-service') })).toBe(0);
  });
});

describe('files past 1 MB', () => {
  it('reads a catalog file the contents API sends without content through the blob API', async () => {
    // GitHub's contents API gives a file over 1 MB as metadata only (content "", encoding "none"):
    // read as it came, the location would hold nothing and its entities would be removed.
    const description = 'x'.repeat(2000);
    const documents = Array.from(
      { length: 600 },
      (_, i) =>
        `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: big-${i}\n  description: ${description}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`,
    );
    const text = documents.join('---\n');
    expect(text.length).toBeGreaterThan(1024 * 1024);
    gh.state.createRepo('acme', { name: 'monolith', files: { 'all.yaml': text } });
    // The repository's created delivery runs a discovery pass: let it finish before the next tests count reads.
    await gh.state.flushWebhooks();
    await until(
      () => t.db.prisma.webhookDelivery.count({ where: { status: 'queued' } }),
      (n) => n === 0,
      20_000,
    );
    const { id } = await registerLocation({ type: 'url', target: blob('monolith', 'all.yaml') });
    expect(await t.db.prisma.entity.count({ where: { locationId: id, kind: 'Component' } })).toBe(600);
    expect((await getEntityByRef('component:default/big-599'))?.metadata.description).toBe(description);
    await unregisterLocation(id);
  });
});

describe('GitHub faults', () => {
  const errorOf = async (id: string) => (await t.db.prisma.processingError.findFirst({ where: { locationId: id } }))?.message;

  it('explains a revoked token on the location, keeping its entities', async () => {
    const loc = await t.db.prisma.location.findFirstOrThrow({ where: { target: blob('booking-service') } });
    gh.state.revokeToken(SEED_TOKEN);
    try {
      await ingestLocationTree(loc.id);
      expect(await errorOf(loc.id)).toContain('GitHub rejected the credentials');
      expect(await getEntityByRef('component:default/booking-service')).not.toBeNull();
    } finally {
      gh.state.issueToken(gh.state.actor!, ['repo', 'read:org', 'user:email', 'workflow'], SEED_TOKEN);
    }
  });

  it('retries a failed answer (5xx) a second later and goes on', async () => {
    await t.db.prisma.githubResponseCache.deleteMany();
    const from = Date.now();
    gh.state.failNext(1, 502);
    expect((await readRepoFile(blob('booking-service')))?.text).toContain('name: booking-service');
    const reads = gh.state.requests.filter((r) => r.at >= from && r.path.endsWith('/contents/catalog-info.yaml'));
    expect(reads.map((r) => r.status)).toEqual([502, 200]);
    expect(reads[1].at - reads[0].at).toBeGreaterThanOrEqual(1000);
  });

  it('waits for the reset of an exhausted rate limit due within a minute, then retries', async () => {
    await t.db.prisma.githubResponseCache.deleteMany();
    const from = Date.now();
    gh.state.setRateLimit({ remaining: 0, resetInSeconds: 1 });
    try {
      expect((await readRepoFile(blob('booking-service')))?.text).toContain('name: booking-service');
      const reads = gh.state.requests.filter((r) => r.at >= from && r.path.endsWith('/contents/catalog-info.yaml'));
      expect(reads.map((r) => r.status)).toEqual([403, 200]);
      expect(reads[1].at - reads[0].at).toBeGreaterThanOrEqual(1000);
    } finally {
      gh.state.setRateLimit({});
    }
  }, 20_000);

  it('explains an exhausted rate limit with its reset time', async () => {
    const loc = await t.db.prisma.location.findFirstOrThrow({ where: { target: blob('booking-service') } });
    await t.db.prisma.githubResponseCache.deleteMany();
    gh.state.setRateLimit({ remaining: 0, resetInSeconds: 3600 });
    try {
      await ingestLocationTree(loc.id);
      expect(await errorOf(loc.id)).toMatch(/rate limit is exhausted .* it resets at \d{4}-/);
      expect(await getEntityByRef('component:default/booking-service')).not.toBeNull();
    } finally {
      gh.state.setRateLimit({});
    }
  });

  it('locates a conflict on an org-synced entity by its location, without a bogus line', async () => {
    const org = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org' } });
    const group = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-carriers\nspec:\n  type: team\n  children: []\n';
    gh.state.commitFiles('acme/booking-service', { message: 'Describe a team by hand', files: { 'team.yaml': group } });
    await t.db.prisma.entity.delete({ where: { ref: 'group:default/team-carriers' } });
    const file = await registerLocation({ type: 'url', target: blob('booking-service', 'team.yaml') });
    try {
      await ingestLocationTree(org.id);
      const conflict = await t.db.prisma.processingError.findFirstOrThrow({ where: { locationId: org.id, code: 'conflict' } });
      expect(conflict).toMatchObject({ file: org.target, line: 1, column: 1, entityRef: 'group:default/team-carriers' });
      expect(conflict.message).toBe(
        `group:default/team-carriers is already defined by url:${blob('booking-service', 'team.yaml')}; one entity can come from one location only: rename it or remove one definition from ${org.target}`,
      );
    } finally {
      await unregisterLocation(file.id);
      await ingestLocationTree(org.id);
    }
    expect(await getEntityByRef('group:default/team-carriers')).not.toBeNull();
  });

  it('explains a repository the credentials cannot see', async () => {
    const { id } = await registerLocation({ type: 'url', target: blob('no-such-repository') });
    expect(await errorOf(id)).toContain('was not found on GitHub, or the credentials cannot see it');
  });
});

describe('integration status', () => {
  it('shows whether the credentials work, the rate limit, and the last activity', async () => {
    const { getGithubStatus } = await import('@/lib/github/health');
    const ok = await getGithubStatus(true);
    expect(ok.integrations[0]).toMatchObject({
      auth: 'token',
      credentials: { ok: true, detail: expect.stringMatching(/^signed in as \w+/) },
    });
    expect(ok.integrations[0].rateLimit?.remaining).toBeGreaterThan(0);
    expect(ok.lastDiscovery).toBeInstanceOf(Date);
    expect(ok.lastOrgSync).toBeInstanceOf(Date);

    gh.state.revokeToken(SEED_TOKEN);
    try {
      const broken = await getGithubStatus(true);
      expect(broken.integrations[0]).toMatchObject({
        credentials: { ok: false, detail: expect.stringContaining('the token is expired, revoked or mistyped') },
        rateLimit: null,
      });
    } finally {
      gh.state.issueToken(gh.state.actor!, ['repo', 'read:org', 'user:email', 'workflow'], SEED_TOKEN);
    }
  });

  it('shows an exhausted rate limit as 0 left with its reset time, not as unknown', async () => {
    const { getGithubStatus } = await import('@/lib/github/health');
    gh.state.setRateLimit({ remaining: 0, resetInSeconds: 1800 });
    const reset = new Date(gh.state.world.rateLimit.reset * 1000).toISOString();
    try {
      const status = await getGithubStatus(true);
      expect(status.integrations[0].rateLimit).toEqual({ limit: 5000, remaining: 0, resetAt: reset });
      expect(status.integrations[0].credentials).toEqual({ ok: false, detail: expect.stringContaining(`rate limit is exhausted`) });
    } finally {
      gh.state.setRateLimit({});
    }
  });
});

describe('GitHub webhooks', () => {
  it('refuses unsigned, wrongly signed, malformed and oversized deliveries', async () => {
    const body = JSON.stringify({ zen: 'hi' });
    expect((await deliver('ping', body)).status).toBe(401);
    expect((await deliver('ping', body, { 'x-hub-signature-256': await sign('wrong', body) })).status).toBe(401);
    const bad = '{"not json';
    expect((await deliver('push', bad, { 'x-hub-signature-256': await sign(SECRET, bad) })).status).toBe(400);
    const big = JSON.stringify({ pad: 'x'.repeat(6 * 1024 * 1024) });
    expect((await deliver('push', big, { 'x-hub-signature-256': await sign(SECRET, big) })).status).toBe(413);
    // Without a Content-Length (chunked) the route reads it with readBytes, which stops at the limit
    // (lib/http/read-json.test.ts).
    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull: (c) => (sent++ < 64 ? c.enqueue(new Uint8Array(1024 * 1024).fill(0x20)) : c.close()),
    });
    const res = await fetch(`${env.appUrl}/api/webhooks/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-github-delivery': crypto.randomUUID() },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('answers 202 and ignores an event it does not handle, and records a redelivery once', async () => {
    const body = JSON.stringify({ action: 'created' });
    const id = crypto.randomUUID();
    const headers = { 'x-hub-signature-256': await sign(SECRET, body), 'x-github-delivery': id };
    const first = await deliver('star', body, headers);
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ outcome: 'ignored' });
    expect(await (await deliver('star', body, headers)).json()).toEqual({ outcome: 'duplicate' });
    expect(await t.db.prisma.webhookDelivery.count({ where: { id } })).toBe(1);
  });

  it('brings a pushed change into the catalog within seconds, and a redelivery is a no-op', async () => {
    const file = gh.state.readFile('acme/booking-service', 'catalog-info.yaml')!;
    gh.state.commitFiles('acme/booking-service', {
      message: 'Describe the booking service',
      files: { 'catalog-info.yaml': file.replace(/description: .*/, 'description: Pushed through a webhook') },
    });
    await gh.state.flushWebhooks();
    const push = gh.state.deliveries.findLast((d) => d.event === 'push')!;
    expect(push.status).toBe(202);
    const entity = await until(
      () => getEntityByRef('component:default/booking-service'),
      (e) => e?.metadata.description === 'Pushed through a webhook',
    );
    expect(entity?.metadata.description).toBe('Pushed through a webhook');
    await until(
      () => t.db.prisma.webhookDelivery.findUnique({ where: { id: push.id } }),
      (d) => d?.status === 'processed',
    );

    gh.state.redeliver(push.id);
    await gh.state.flushWebhooks();
    expect(gh.state.deliveries.findLast((d) => d.id === push.id)?.status).toBe(202);
    expect(await t.db.prisma.webhookDelivery.count({ where: { id: push.id } })).toBe(1);
  });

  it('rebuilds the docs of an entity when a push changes its docs sources', async () => {
    const sha = gh.state.commitFiles('acme/shipments-service', {
      message: 'Runbook: new alert',
      files: { 'docs/index.md': '# Shipments service\n\nUpdated runbook.\n' },
    });
    await gh.state.flushWebhooks();
    const state = await until(
      () => t.db.prisma.docsState.findUnique({ where: { entityRef: 'component:default/shipments-service' } }),
      (s) => Boolean(s?.builtAt),
    );
    expect(state).toMatchObject({ commitSha: sha, builtAt: expect.any(Date) });
    const page = await t.db.prisma.docsPage.findUnique({
      where: { entityRef_path: { entityRef: 'component:default/shipments-service', path: '' } },
    });
    expect(page?.html).toContain('Updated runbook.');
    // A push that does not touch docs leaves other entities' docs alone.
    expect(await t.db.prisma.docsState.findUnique({ where: { entityRef: 'component:default/booking-service' } })).toBeNull();
  });

  it('validates catalog files of a pull request and publishes a check run', async () => {
    const octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
    gh.state.commitFiles('acme/inventory-service', {
      branch: 'broken-name',
      message: 'Rename',
      files: {
        'catalog-info.yaml':
          'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: Inventory_Service!\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n',
      },
    });
    await octokit.rest.pulls.create({ owner: 'acme', repo: 'inventory-service', title: 'Rename', head: 'broken-name', base: 'main' });
    await gh.state.flushWebhooks();
    const repo = gh.state.repo('acme', 'inventory-service');
    const check = await until(async () => repo.checkRuns.find((c) => c.name === CHECK_NAME), Boolean);
    expect(check).toMatchObject({ conclusion: 'failure', status: 'completed', output: { title: '1 catalog descriptor problem(s)' } });
    // The annotation points at the line (and column) of the invalid name, as GitHub shows it.
    const { data: run } = await octokit.rest.checks.get({ owner: 'acme', repo: 'inventory-service', check_run_id: check!.id });
    expect(run.output.annotations_count).toBe(1);
    const {
      data: [annotation],
    } = await octokit.rest.checks.listAnnotations({ owner: 'acme', repo: 'inventory-service', check_run_id: check!.id });
    expect(annotation).toMatchObject({
      path: 'catalog-info.yaml',
      start_line: 4,
      end_line: 4,
      start_column: 9,
      annotation_level: 'failure',
    });
    expect(annotation.message).toContain('Inventory_Service!');
  });

  it("bounds what a pull request's catalog files cost: files read, annotations published", async () => {
    // Whoever opens a pull request chooses its files; every read and annotation spends the
    // integration's rate limit, which the catalog's own reads share.
    const octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
    const bad = (name: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
    const files: Record<string, string> = {};
    // One file with more problems than are annotated, then more files than are read.
    files['a/catalog-info.yaml'] = Array.from({ length: MAX_ANNOTATIONS + 20 }, (_, i) => bad(`Bad_${i}!`)).join('---\n');
    for (let i = 0; i < MAX_CHECKED_FILES + 30; i++) files[`b/${String(i).padStart(3, '0')}/catalog-info.yaml`] = bad(`Bad_${i}!`);
    const head = gh.state.commitFiles('acme/inventory-service', { branch: 'many-files', message: 'Many', files });
    await octokit.rest.pulls.create({ owner: 'acme', repo: 'inventory-service', title: 'Many', head: 'many-files', base: 'main' });
    const remaining = gh.state.world.rateLimit.remaining;
    await gh.state.flushWebhooks();
    const repo = gh.state.repo('acme', 'inventory-service');
    const check = await until(
      async () => repo.checkRuns.find((c) => c.name === CHECK_NAME && c.headSha === head),
      (c) => (c?.annotations.length ?? 0) >= MAX_ANNOTATIONS,
      30_000,
    );
    await until(
      () => t.db.prisma.webhookDelivery.count({ where: { event: 'pull_request', status: 'queued' } }),
      (n) => n === 0,
    );
    expect(check?.conclusion).toBe('failure');
    expect(check?.output.summary).toContain('31 more catalog file(s) were not validated: the check reads the first 100');
    expect(check?.output.summary).toContain(`The first ${MAX_ANNOTATIONS} are annotated.`);
    expect(check?.annotations).toHaveLength(MAX_ANNOTATIONS);
    // Reads of 100 files, the file list, the check and its annotation pages, and a little slack.
    expect(remaining - gh.state.world.rateLimit.remaining).toBeLessThan(MAX_CHECKED_FILES + 20);
  });

  it('gives the new head a green check when the PR reverts its catalog file to match the base', async () => {
    const octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
    const repo = gh.state.repo('acme', 'inventory-service');
    const base = gh.state.readFile('acme/inventory-service', 'catalog-info.yaml')!;
    const head = gh.state.commitFiles('acme/inventory-service', {
      branch: 'broken-name',
      message: 'Revert the rename',
      files: { 'catalog-info.yaml': base },
    });
    await gh.state.flushWebhooks();
    const [pr] = (await octokit.rest.pulls.list({ owner: 'acme', repo: 'inventory-service', head: 'acme:broken-name' })).data;
    expect((await octokit.rest.pulls.listFiles({ owner: 'acme', repo: 'inventory-service', pull_number: pr.number })).data).toEqual([]);
    const check = await until(async () => repo.checkRuns.find((c) => c.name === CHECK_NAME && c.headSha === head), Boolean);
    expect(check).toMatchObject({
      conclusion: 'success',
      status: 'completed',
      output: { title: 'No catalog changes to validate', summary: expect.stringContaining('match the base branch again') },
    });

    // The head after that still has a check (its predecessor had one), so a required check never waits.
    const next = gh.state.commitFiles('acme/inventory-service', {
      branch: 'broken-name',
      message: 'Docs',
      files: { 'docs/notes.md': '# Notes\n' },
    });
    await gh.state.flushWebhooks();
    expect(await until(async () => repo.checkRuns.find((c) => c.name === CHECK_NAME && c.headSha === next), Boolean)).toMatchObject({
      conclusion: 'success',
    });
  });

  it('publishes no check for a pull request that never touched catalog files', async () => {
    const octokit = new Octokit({ baseUrl: gh.url, auth: SEED_TOKEN });
    const repo = gh.state.repo('acme', 'shipments-service');
    const first = gh.state.commitFiles('acme/shipments-service', {
      branch: 'docs-only',
      message: 'Docs',
      files: { 'docs/extra.md': '# Extra\n' },
    });
    await octokit.rest.pulls.create({ owner: 'acme', repo: 'shipments-service', title: 'Docs', head: 'docs-only', base: 'main' });
    const second = gh.state.commitFiles('acme/shipments-service', {
      branch: 'docs-only',
      message: 'More docs',
      files: { 'docs/more.md': '# More\n' },
    });
    await gh.state.flushWebhooks();
    await until(
      () => t.db.prisma.webhookDelivery.count({ where: { event: 'pull_request', status: 'queued' } }),
      (n) => n === 0,
    );
    expect(repo.checkRuns.filter((c) => c.name === CHECK_NAME && [first, second].includes(c.headSha))).toEqual([]);
  });

  it('removes the entities of an archived repository, with the reason in the audit log', async () => {
    expect(await getEntityByRef('component:default/route-optimizer')).not.toBeNull();
    gh.state.archiveRepo('acme/route-optimizer');
    await gh.state.flushWebhooks();
    const gone = await until(
      () => getEntityByRef('component:default/route-optimizer'),
      (e) => e === null,
    );
    expect(gone).toBeNull();
    const audit = await t.db.prisma.auditLog.findFirst({ where: { action: 'location.removed', target: { contains: 'route-optimizer' } } });
    expect(audit?.details).toMatchObject({ reason: 'repository acme/route-optimizer was archived' });
  });

  it('follows a renamed repository', async () => {
    gh.state.renameRepo('acme/eta-predictor', 'eta-predictor-v2');
    await gh.state.flushWebhooks();
    const moved = await until(
      () => getEntityByRef('component:default/eta-predictor'),
      (e) => String(e?.metadata.annotations?.['backstage.io/managed-by-location']).includes('eta-predictor-v2'),
    );
    expect(moved?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(
      `url:${gh.url}/acme/eta-predictor-v2/blob/main/catalog-info.yaml`,
    );
  });

  it('reads a renamed repository by its former name (GitHub redirects), and nothing of one transferred to another owner', async () => {
    const component = (description: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: people-directory\n  description: ${description}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
    gh.state.createRepo('acme', { name: 'people', files: { 'catalog-info.yaml': component('Ours') } });
    gh.state.renameRepo('acme/people', 'people-directory');
    // The former name still reads, as GitHub's redirect to /repositories/<id>/… leads.
    expect((await readRepoFile(`${gh.url}/acme/people/blob/main/catalog-info.yaml`))?.text).toBe(component('Ours'));

    // A trusted location (configured, or declared by one): the trust was given to acme's repository.
    const target = `${gh.url}/acme/people-directory/blob/main/catalog-info.yaml`;
    await gh.state.flushWebhooks();
    const { id } = await registerLocation({ type: 'url', target });
    await t.db.prisma.location.update({ where: { id }, data: { trusted: true } });
    gh.state.transferRepo('acme/people-directory', 'tombakker');
    gh.state.commitFiles('tombakker/people-directory', { message: 'mine now', files: { 'catalog-info.yaml': component('Theirs') } });
    await gh.state.flushWebhooks();
    const [error] = await until(
      () => t.db.prisma.processingError.findMany({ where: { locationId: id } }),
      (errors) => errors.length > 0,
    );
    expect(error?.message).toContain(
      'the repository acme/people-directory was transferred to tombakker/people-directory, and Wayfinder does not follow a repository to another owner',
    );
    expect((await t.db.prisma.location.findUniqueOrThrow({ where: { id } })).target).toBe(target);
    expect((await getEntityByRef('component:default/people-directory'))?.metadata.description).toBe('Ours');
    expect(await t.db.prisma.auditLog.findFirst({ where: { action: 'location.not-moved', target: `url:${target}` } })).toMatchObject({
      details: { to: `${gh.url}/tombakker/people-directory/blob/main/catalog-info.yaml` },
    });
    await unregisterLocation(id);
  });

  it('follows pushes and a rename of a repository its location spells in another case, and of no other', async () => {
    const component = (name: string, description: string) =>
      `apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  description: ${description}\nspec:\n  type: service\n  lifecycle: production\n  owner: team-a\n`;
    gh.state.createRepo('acme', { name: 'case_study', files: { 'service.yaml': component('case-study', 'Before') } });
    // A repository whose name the LIKE pattern of case_study also matches (_ is any character).
    gh.state.createRepo('acme', { name: 'caseXstudy', files: { 'service.yaml': component('case-x-study', 'Other') } });
    await gh.state.flushWebhooks();
    // GitHub's owner and repository names are case-insensitive: this is acme/case_study.
    await registerLocation({ type: 'url', target: `${gh.url}/ACME/Case_Study/blob/main/service.yaml` });
    const other = await registerLocation({ type: 'url', target: `${gh.url}/acme/caseXstudy/blob/main/service.yaml` });

    gh.state.commitFiles('acme/case_study', { message: 'Describe', files: { 'service.yaml': component('case-study', 'After') } });
    await gh.state.flushWebhooks();
    // (30 s: under CI's load, with both engines' suites running at once, 10 s was seen not to suffice.)
    const pushed = await until(
      () => getEntityByRef('component:default/case-study'),
      (e) => e?.metadata.description === 'After',
      30_000,
    );
    expect(pushed?.metadata.description).toBe('After');

    gh.state.renameRepo('acme/case_study', 'case-study-v2');
    await gh.state.flushWebhooks();
    const moved = await until(
      () => getEntityByRef('component:default/case-study'),
      (e) => String(e?.metadata.annotations?.['backstage.io/managed-by-location']).includes('case-study-v2'),
    );
    expect(moved?.metadata.annotations?.['backstage.io/managed-by-location']).toBe(
      `url:${gh.url}/acme/case-study-v2/blob/main/service.yaml`,
    );
    expect((await t.db.prisma.location.findUnique({ where: { id: other.id } }))?.target).toBe(
      `${gh.url}/acme/caseXstudy/blob/main/service.yaml`,
    );
  });

  it('updates Users when a member joins a team', async () => {
    const [login] = [...gh.state.world.users.keys()].filter((l) => !gh.state.world.team('acme', 'team-shipments')!.members.has(l));
    gh.state.addTeamMember('acme', 'team-shipments', login);
    await gh.state.flushWebhooks();
    const user = await until(
      () => getEntityByRef(`user:default/${login}`),
      (u) => Boolean(u?.relations.some((r) => r.targetRef === 'group:default/team-shipments')),
    );
    expect(user?.relations).toContainEqual({ type: 'memberOf', targetRef: 'group:default/team-shipments' });
  });

  // GitHub logins are case-insensitive: an org sync configured as …/ACME is GitHub's acme, whose
  // deliveries name it as GitHub writes it.
  it('follows team changes of an organisation whose org sync target is written in another case', async () => {
    const org = await t.db.prisma.location.findFirstOrThrow({ where: { type: 'github-org' } });
    await t.db.prisma.location.update({ where: { id: org.id }, data: { target: `${gh.url}/ACME` } });
    try {
      await ingestLocationTree(org.id);
      const [login] = [...gh.state.world.users.keys()].filter((l) => !gh.state.world.team('acme', 'team-routing')!.members.has(l));
      gh.state.addTeamMember('acme', 'team-routing', login);
      await gh.state.flushWebhooks();
      const user = await until(
        () => getEntityByRef(`user:default/${login}`),
        (u) => Boolean(u?.relations.some((r) => r.targetRef === 'group:default/team-routing')),
      );
      expect(user?.relations).toContainEqual({ type: 'memberOf', targetRef: 'group:default/team-routing' });
    } finally {
      await t.db.prisma.location.update({ where: { id: org.id }, data: { target: org.target } });
    }
  });

  it('answers every example payload of @octokit/webhooks-examples with 202, never a 500', async () => {
    const examples = (await import('@octokit/webhooks-examples')).default as { name: string; examples: unknown[] }[];
    let sent = 0;
    for (const { name, examples: payloads } of examples) {
      for (const payload of payloads) {
        const body = JSON.stringify(payload);
        const res = await deliver(name, body, { 'x-hub-signature-256': await sign(SECRET, body) });
        expect(res.status, `${name}`).toBe(202);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(100);
    // Their processing must not fail either: none of them is about a repository we know.
    await until(
      () => t.db.prisma.webhookDelivery.count({ where: { status: 'queued' } }),
      (n) => n === 0,
      30_000,
    );
    const failed = await t.db.prisma.webhookDelivery.findMany({ where: { status: 'failed' } });
    expect(failed.map((f) => `${f.event}: ${f.error}`)).toEqual([]);
  }, 120_000);
});

if (usingPostgres()) {
  describe('two app instances on one PostgreSQL', () => {
    it('process a burst of deliveries, duplicates included, exactly once each', async () => {
      const second = await openSecondInstance(t.db);
      const runs = new Map<string, number>();
      const original = processDeliveryJob.run;
      processDeliveryJob.run = async (data) => {
        runs.set(data.deliveryId, (runs.get(data.deliveryId) ?? 0) + 1);
        await original(data);
      };
      try {
        for (let i = 0; i < 2; i++) {
          await second.boss.work(processDeliveryJob.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([item]) => {
            await processDeliveryJob.run(processDeliveryJob.schema.parse(item.data));
          });
        }
        const body = JSON.stringify({ zen: 'Practicality beats purity.', hook_id: 1 });
        const signature = await sign(SECRET, body);
        const ids = Array.from({ length: 30 }, () => crypto.randomUUID());
        const burst = [...ids, ...ids.slice(0, 10)].map((id) =>
          deliver('ping', body, { 'x-hub-signature-256': signature, 'x-github-delivery': id }),
        );
        expect((await Promise.all(burst)).map((r) => r.status)).toEqual(Array(40).fill(202));
        await until(
          async () => runs.size,
          (n) => n === 30,
          20_000,
        );
        await new Promise((r) => setTimeout(r, 1500));
        expect([...runs.values()].every((n) => n === 1)).toBe(true);
        expect(runs.size).toBe(30);
        expect(await t.db.prisma.webhookDelivery.count({ where: { id: { in: ids }, status: 'processed' } })).toBe(30);
      } finally {
        processDeliveryJob.run = original;
        await second.stop();
      }
    }, 60_000);
  });
}

describe('analyze-location in a repository with many files of the name', () => {
  // Each file found is read (and previewed): with catalogFilename README.md, one request read every
  // README.md of a repository, each a GitHub request with the integration's token.
  it('reads at most 100 and refuses more with a 400 that says what to do, before reading any', async () => {
    const files = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`pkg-${i}/README.md`, `# ${i}\n`]));
    gh.state.createRepo('acme', { name: 'many-readmes', files });
    await gh.state.flushWebhooks();
    await untilSettled(env);
    const { analyzeLocation } = await import('@/lib/catalog/api/analyze-location');
    const before = gh.state.world.requestLog.length;
    const outcome = await analyzeLocation({
      location: { type: 'url', target: `${gh.url}/acme/many-readmes` },
      catalogFilename: 'README.md',
    }).then(
      () => 'answered',
      (err: unknown) => err,
    );
    const paths = gh.state.world.requestLog.slice(before).map((r) => r.path);
    expect(outcome).toMatchObject({
      code: 'BAD_REQUEST',
      message:
        'acme/many-readmes holds 150 files named README.md; analyze-location reads at most 100: register them through a Location entity that lists them, or give a catalogFilename fewer files have',
    });
    expect(paths.filter((p) => p.includes('/contents/'))).toEqual([]);
  });
});
