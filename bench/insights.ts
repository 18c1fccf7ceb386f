import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCatalog } from './generate';
import { stats } from './measure';
import { BENCH_WRITE_TOKEN, cleanup, cleanups, log, round } from './options';
import { ensureBuild, startServer, waitFor } from './server';

// `npm run bench:insights [-- --n=10000 --requests=60]`: the /insights page at N components.
// Generates the catalog (bench/generate.ts), ingests it in this process into an embedded database,
// adds what insights read at that size — a repository per component (5% without a catalog entity,
// 2% forks), 90 days of activity of every User entity, docs changes, 200 template runs with their
// first deployments — then starts the production server on that folder (workers off, so nothing
// runs beside the requests) and times GET /insights (the whole server render) and
// GET /api/insights/metrics with an admin's token (served from the insights.cacheSeconds cache after
// the first request), and, in this process before the server starts, one full computation of the
// metrics (what the first request in each cache period pays). Target: /insights p95 < 300 ms. Prints JSON.

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
const N = Number(args.n ?? 10_000);
const REQUESTS = Number(args.requests ?? 60);
const WARMUP = 5;

async function seed(componentNames: string[]) {
  const { getDb } = await import('../lib/db/client');
  const { driver } = await getDb();
  const DAY = 86_400_000;
  const now = Date.now();
  const users = (await driver.query<{ ref: string }>(`SELECT ref FROM "Entity" WHERE kind = 'User'`)).rows.map((r) => r.ref);
  const teams = (await driver.query<{ ref: string }>(`SELECT ref FROM "Entity" WHERE kind = 'Group'`)).rows.map((r) => r.ref);
  await driver.transaction(async (query) => {
    // Repositories: every component's (its entity names it in github.com/project-slug), plus 5% unregistered.
    const names = [...componentNames, ...componentNames.slice(0, Math.round(componentNames.length * 0.05)).map((n) => `${n}-unregistered`)];
    for (let i = 0; i < names.length; i += 1000) {
      const chunk = names.slice(i, i + 1000);
      await query(
        `INSERT INTO "GithubRepository" (url, owner, name, "htmlUrl", "defaultBranch", fork, teams, "createdAt", "firstDeployedAt", "updatedAt")
         SELECT lower('https://github.com/acme/' || n), 'acme', n, 'https://github.com/acme/' || n, 'main', (ord % 50 = 0), ARRAY[($2::text[])[1 + (ord % array_length($2::text[], 1))]],
                to_timestamp($3 - (ord % 400) * 86400), to_timestamp($3 - (ord % 400) * 86400 + 3600), now()
           FROM unnest($1::text[]) WITH ORDINALITY AS t(n, ord)`,
        [chunk, teams, Math.floor(now / 1000)],
      );
    }
    // Activity: each User on about half of the last 90 days, a few page patterns each.
    const patterns = ['/catalog', '/catalog/[kind]/[namespace]/[name]', '/search', '/docs', '/create'];
    for (let d = 0; d < 90; d++) {
      const day = new Date(now - d * DAY).toISOString().slice(0, 10);
      const active = users.filter((_, i) => (i + d) % 2 === 0);
      await query(
        `INSERT INTO "ActivityDay" ("userId", day, "userRef", pages, actions)
         SELECT gen_random_uuid(), $1::date, u, jsonb_build_object($2::text, 3, $3::text, 1), jsonb_build_object('editEntity', 1) FROM unnest($4::text[]) AS u`,
        [day, patterns[d % patterns.length], patterns[(d + 1) % patterns.length], active],
      );
    }
    // Docs changed at the source for a third of the components; 200 template runs.
    await query(
      `INSERT INTO "DocsState" ("entityRef", "changedAt") SELECT 'component:default/' || n, to_timestamp($2 - (ord % 60) * 86400) FROM unnest($1::text[]) WITH ORDINALITY AS t(n, ord) WHERE ord % 3 = 0`,
      [componentNames, Math.floor(now / 1000)],
    );
    for (const [i, n] of componentNames.slice(0, 200).entries()) {
      const { rows } = await query<{ id: string }>(
        `INSERT INTO "ScaffolderTask" ("templateRef", template, values, status, "createdBy", "completedAt") VALUES ('template:default/service', '{}', '{}', 'completed', 'user:bench', to_timestamp($1)) RETURNING id`,
        [Math.floor(now / 1000) - (i % 80) * 86400],
      );
      await query(
        `INSERT INTO "ScaffolderTaskStep" ("taskId", "stepId", position, name, action, status, output) VALUES ($1, 'publish', 0, 'Publish', 'publish:github', 'completed', $2)`,
        [rows[0]!.id, { remoteUrl: `https://github.com/acme/${n}.git` }],
      );
    }
    for (let i = 0; i < 500; i++) await query(`INSERT INTO "SearchMiss" (query, source) VALUES ($1, 'page')`, [`missing-${i % 40}`]);
  });
  await driver.query('ANALYZE');
}

async function main() {
  const built = ensureBuild();
  if (!built.ok) throw new Error(built.reason);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-bench-insights-'));
  cleanups.push(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const configFile = path.join(tmp, 'wayfinder.config.yaml');
  fs.writeFileSync(
    configFile,
    [
      'catalog:',
      '  rules:',
      '    - allow: [Component, API, Resource, System, Domain, Group, User, Location, Template]',
      '  fileLocationRoots: [.]',
      'auth:',
      '  serviceTokens:',
      '    - { name: bench-write, token: "${BENCH_WRITE_TOKEN}", scope: write }',
      '',
    ].join('\n'),
  );
  const env = {
    WAYFINDER_CONFIG: configFile,
    WAYFINDER_DATA_DIR: path.join(tmp, 'data'),
    DATABASE_URL: '',
    BENCH_WRITE_TOKEN,
    LOG_LEVEL: 'warn',
  };
  Object.assign(process.env, env);

  log(`generating ${N} components`);
  const cat = generateCatalog(N, path.join(tmp, 'catalog'));
  const { getDb, closeDb } = await import('../lib/db/client');
  const { migrate } = await import('../lib/db/migrate');
  const { registerLocation } = await import('../lib/catalog/location-admin');
  await migrate((await getDb()).driver);
  const i0 = performance.now();
  await registerLocation({ type: 'file', target: cat.dir });
  log(`ingested ${cat.total} entities in ${Math.round(performance.now() - i0)} ms; seeding insights`);
  await seed(cat.componentNames);
  // The computation itself (what one request in insights.cacheSeconds pays), in this process.
  const { getInsights } = await import('../lib/insights');
  const compute: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    await getInsights({ now: new Date() });
    if (i > 0) compute.push(performance.now() - t0);
  }
  await closeDb();

  const server = await startServer({ ...env, WAYFINDER_WORKERS: 'false' }, path.join(tmp, 'server.log'));
  await waitFor('the server', 120_000, async () => (await fetch(`${server.base}/api/health`).catch(() => null))?.ok ?? false);
  const headers = { authorization: `Bearer ${BENCH_WRITE_TOKEN}` };
  const run = async (p: string) => {
    const samples: number[] = [];
    for (let i = 0; i < WARMUP + REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.base}${p}`, { redirect: 'manual', headers });
      await res.text();
      const [ms, status] = [performance.now() - t0, res.status];
      if (status !== 200) throw new Error(`${p} answered ${status}`);
      if (i >= WARMUP) samples.push(ms);
    }
    return stats(samples);
  };
  const t0 = performance.now();
  const first = await fetch(`${server.base}/insights`, { headers });
  await first.text();
  const firstRequestMs = round(performance.now() - t0);
  const page = await run('/insights');
  const team = await run(`/insights?team=${encodeURIComponent('group:default/acme')}`);
  const api = await run('/api/insights/metrics');
  await server.stop();
  console.log(
    JSON.stringify(
      {
        components: N,
        entities: cat.total,
        requests: REQUESTS,
        computeInProcess: stats(compute),
        firstRequestMs,
        insightsPage: page,
        insightsPageWholeOrgTeam: team,
        metricsApi: api,
        loadAverage: os.loadavg().map((x) => round(x, 2)),
        target: { insightsPageP95Ms: '< 300' },
      },
      null,
      2,
    ),
  );
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => cleanup());
