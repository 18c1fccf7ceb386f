import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateCatalog } from './generate';
import { measureHttp, measureRefresh, stats } from './measure';
import {
  AUTH_HEADERS,
  BENCH_TOKEN,
  BENCH_WRITE_TOKEN,
  cleanup,
  cleanups,
  ENGINES,
  freePort,
  KEEP,
  log,
  OUT,
  readBuildId,
  REQUESTS,
  round,
  SERVER_NODE_OPTIONS,
  SIZES,
  sleep,
  WARMUP,
  MAX_SECONDS,
  WEBHOOK_RUNS,
} from './options';
import { adminQuery, pgServerVersion, startPostgres, type PgServer } from './postgres';
import { ensureBuild, startServer, type Server } from './server';
import { measureWebhookVisible, startWebhookStandIn, type WebhookStandIn } from './webhook';

// `npm run bench`: Wayfinder's performance benchmark. For each engine (embedded PGlite; PostgreSQL
// when DATABASE_URL is set or a throwaway PostgreSQL 15 cluster can be started here) and each
// catalog size (bench/options.ts: --sizes / BENCH_SIZES), it generates a synthetic catalog, starts
// the production server as `npm start` does with the catalog as its configured location, and
// measures: ingestion from spawn until every location is read (while health and an API request are
// timed every 250 ms: the server must answer throughout), catalog API and page latencies, an
// explicit refresh, the server's peak RSS and, at the largest size, how long a GitHub push takes to
// show in the catalog API (bench/webhook.ts). Prints ONE JSON document on stdout; progress goes to
// stderr. `npm run -s bench > result.json` keeps npm's banner out of stdout.

const TARGETS = {
  ingestEntitiesPerSecond: '> 2000',
  apiByQueryP95Ms: '< 25',
  apiByNameP95Ms: '<= 3',
  pageRenderP95Ms: '< 200',
  refreshVisibleMs: '< 1000',
  webhookVisibleP95Ms: '< 250',
  serverPeakRssMbPostgres: '< 600',
  serverPeakRssMbPglite: '<= 500',
};

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

/** The GitHub stand-in of the run in progress, so a failed run stops it at once (stop() is idempotent). */
let activeStandIn: WebhookStandIn | null = null;

type Health = { ok: boolean; checks: { catalog: { detail: string } } };

/**
 * From spawn until every location is read: each 250 ms, GET /api/health and one catalog API request
 * are timed (a request that fails or takes over 5 s counts as not answering).
 */
async function measureIngestion(server: Server, spawnedAt: number, logFile: string) {
  const health: number[] = [];
  const api: number[] = [];
  let firstAnswerMs: number | null = null;
  let failures = 0;
  for (;;) {
    if (server.exited !== null)
      throw new Error(
        `server exited (code ${server.exited}) during ingestion; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`,
      );
    if (performance.now() - spawnedAt > 1_800_000) throw new Error('ingestion took over 30 minutes');
    const t0 = performance.now();
    const body = await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(5_000) })
      .then((r) => r.json() as Promise<Health>)
      .catch(() => null);
    if (!body) {
      if (firstAnswerMs !== null) failures++;
      await sleep(250);
      continue;
    }
    health.push(performance.now() - t0);
    firstAnswerMs ??= performance.now() - spawnedAt;
    if (body.checks.catalog.detail === 'loaded') break;
    const t1 = performance.now();
    const ok = await fetch(`${server.base}/api/catalog/entities/by-query?limit=1`, {
      headers: AUTH_HEADERS,
      signal: AbortSignal.timeout(5_000),
    })
      .then(async (r) => (await r.text(), r.ok))
      .catch(() => false);
    if (ok) api.push(performance.now() - t1);
    else failures++;
    await sleep(250);
  }
  const loadedMs = performance.now() - spawnedAt;
  const totals = (await (await fetch(`${server.base}/api/catalog/entities/by-query?limit=1`, { headers: AUTH_HEADERS })).json()) as {
    totalItems: number;
  };
  return {
    loadedMs,
    firstAnswerMs,
    entities: totals.totalItems,
    healthDuringIngestMs: stats(health),
    apiDuringIngestMs: stats(api),
    requestsNotAnswered: failures,
  };
}

async function runOne(engine: 'pglite' | 'postgres', n: number, pgServer: PgServer | null, withWebhook: boolean) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `wayfinder-bench-${engine}-${n}-`));
  const removeTmp = () => {
    if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  cleanups.push(removeTmp);
  const catalogDir = path.join(tmp, 'catalog');
  const configFile = path.join(tmp, 'wayfinder.config.yaml');

  log(`${engine} N=${n}: generating catalog in ${catalogDir}`);
  const g0 = performance.now();
  const cat = generateCatalog(n, catalogDir);
  log(`  ${cat.total} entities in ${cat.files} files (${round(cat.bytes / 1e6)} MB) in ${Math.round(performance.now() - g0)} ms`);

  // The webhook measurement needs the GitHub stand-in up before the server, and the server's port
  // before the stand-in (its hook URL).
  let standIn: WebhookStandIn | null = null;
  let serverPort: number | undefined;
  if (withWebhook) {
    serverPort = await freePort();
    standIn = await startWebhookStandIn(serverPort);
    const s = standIn;
    cleanups.push(() => s.stop());
    activeStandIn = s;
    log(`  GitHub stand-in at ${s.gh.url} (webhook → port ${serverPort}), config location ${s.target}`);
  }
  fs.writeFileSync(
    configFile,
    [
      'app:',
      '  title: Wayfinder bench',
      'catalog:',
      '  rules:',
      '    - allow: [Component, API, Resource, System, Domain, Group, User, Location, Template]',
      '  fileLocationRoots: [.]',
      '  locations:',
      '    - { type: file, target: ./catalog }',
      ...(standIn ? standIn.locationYaml : []),
      // The reconciliation pass runs once at start-up; keep the periodic one out of the measurements.
      '  refreshIntervalSeconds: 3600',
      ...(standIn ? standIn.integrationYaml : []),
      'auth:',
      '  serviceTokens:',
      '    - { name: bench, token: "${BENCH_TOKEN}", scope: read }',
      '    - { name: bench-write, token: "${BENCH_WRITE_TOKEN}", scope: write }',
      '',
    ].join('\n'),
  );

  const env: Record<string, string> = {
    WAYFINDER_CONFIG: configFile,
    WAYFINDER_DATA_DIR: path.join(tmp, 'data'),
    ...(standIn?.env ?? {}),
    BENCH_TOKEN,
    BENCH_WRITE_TOKEN,
  };
  if (engine === 'postgres') {
    const dbName = `wayfinder_bench_${n}_${randomBytes(3).toString('hex')}`;
    await adminQuery(pgServer!.adminUrl, `CREATE DATABASE "${dbName}"`);
    const u = new URL(pgServer!.adminUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
    cleanups.push(() => adminQuery(pgServer!.adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`));
  } else {
    env.DATABASE_URL = '';
  }

  const logFile = path.join(tmp, 'server.log');
  const buildIdAtStart = readBuildId();
  const loadAtStart = round(os.loadavg()[0], 2);
  const spawnedAt = performance.now();
  const server = await startServer(env, logFile, serverPort);
  let ingest: Record<string, unknown> = {};
  let http: Awaited<ReturnType<typeof measureHttp>> | { error: string } | undefined;
  let refresh: Awaited<ReturnType<typeof measureRefresh>> | { error: string } | undefined;
  let webhook: Awaited<ReturnType<typeof measureWebhookVisible>> | { error: string } | undefined;
  const notes: Record<string, unknown> = {};
  const rssCheckpoints: Record<string, number | null> = {};
  let rss: ReturnType<Server['peakRssMb']> = { serverPid: null, vmHwmMb: null, vmRssMb: null, processes: [] };
  try {
    log(`  server spawned; timing ingestion from spawn`);
    const ing = await measureIngestion(server, spawnedAt, logFile);
    const line = server.logLines().find((l) => l.msg === 'location ingested' && String(l.location) === `file:${catalogDir}`);
    ingest = {
      secondsFromSpawn: round(ing.loadedMs / 1000, 2),
      entitiesPerSecondFromSpawn: Math.round(ing.entities / (ing.loadedMs / 1000)),
      entitiesListed: ing.entities,
      firstAnswerFromSpawnMs: ing.firstAnswerMs === null ? null : Math.round(ing.firstAnswerMs),
      locationIngestMs: line?.ms ?? null,
      locationSummary: line
        ? { added: line.added, updated: line.updated, unchanged: line.unchanged, removed: line.removed, errors: line.errors }
        : null,
      healthDuringIngestMs: ing.healthDuringIngestMs,
      apiDuringIngestMs: ing.apiDuringIngestMs,
      requestsNotAnswered: ing.requestsNotAnswered,
      loadAverage1mAtStart: loadAtStart,
    };
    log(
      `  ${ing.entities} entities listed ${round(ing.loadedMs / 1000, 1)} s after spawn (${ingest.entitiesPerSecondFromSpawn}/s); first answer after ${ingest.firstAnswerFromSpawnMs} ms; health p95 ${ing.healthDuringIngestMs.p95} ms / max ${ing.healthDuringIngestMs.max} ms during ingestion; ${ing.requestsNotAnswered} not answered`,
    );
    rssCheckpoints.afterIngestionMb = server.peakRssMb().vmHwmMb;
    http = await measureHttp(server, cat).catch((err: Error) => ({ error: err.message }));
    rssCheckpoints.afterHttpMeasurementsMb = server.peakRssMb().vmHwmMb;
    refresh = await measureRefresh(server, cat).catch((err: Error) => ({ error: err.message }));
    rssCheckpoints.afterRefreshesMb = server.peakRssMb().vmHwmMb;
    if (standIn) {
      log(`  webhook push → visible in the catalog API (${WEBHOOK_RUNS} pushes)`);
      webhook = await measureWebhookVisible({
        base: server.base,
        standIn,
        runs: WEBHOOK_RUNS,
        headers: AUTH_HEADERS,
        logLines: server.logLines,
        log,
      }).catch((err: Error) => ({ error: err.message }));
      if (!('error' in webhook)) log(`  webhook visible: p50 ${webhook.p50} ms, p95 ${webhook.p95} ms, max ${webhook.max} ms`);
      else log(`  webhook measurement failed: ${webhook.error}`);
      rssCheckpoints.afterWebhooksMb = server.peakRssMb().vmHwmMb;
    }
  } finally {
    rss = server.peakRssMb();
    const errorLines = server.logLines().filter((l) => l.level === 'error' || l.level === 'fatal');
    // Octokit's request log reports a conditional request's 304 (a cache hit) at error level: counted apart.
    const isNotModified = (l: Record<string, unknown>) => / - 304 with id /.test(String(l.msg));
    notes.serverErrorsLogged = errorLines
      .filter((l) => !isNotModified(l))
      .slice(0, 5)
      .map((l) => `${l.msg}: ${JSON.stringify((l.err as { message?: string })?.message ?? '')}`.slice(0, 300));
    await server.stop();
    await standIn?.stop();
    activeStandIn = null;
  }
  log(`  server peak RSS (VmHWM of pid ${rss.serverPid}): ${rss.vmHwmMb} MB`);
  if (readBuildId() !== buildIdAtStart) {
    notes.warning = '.next was rebuilt during this run: page timings may be of error responses; re-run';
    log(`  WARNING: ${notes.warning}`);
  }
  removeTmp();
  return {
    loadAverage1mAtEnd: round(os.loadavg()[0], 2),
    catalog: { components: n, entities: cat.total, byKind: cat.counts, files: cat.files, megabytes: round(cat.bytes / 1e6, 2) },
    ingest,
    ...(http && 'error' in http ? { httpError: http.error } : http),
    refresh,
    ...(webhook ? { webhookVisibleMs: webhook } : {}),
    peakRss: {
      serverPid: rss.serverPid,
      vmHwmMb: rss.vmHwmMb,
      vmRssMbAtEnd: rss.vmRssMb,
      vmHwmCheckpoints: rssCheckpoints,
      processGroup: rss.processes,
    },
    server: notes,
  };
}

async function main() {
  const t0 = performance.now();
  const output: Record<string, unknown> = {
    benchmark: 'wayfinder',
    startedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    settings: {
      webhookRuns: WEBHOOK_RUNS,
      webhookAtSize: Math.min(Math.max(...SIZES), 10_000),
      serverNodeOptions: SERVER_NODE_OPTIONS ?? null,
      sizes: SIZES,
      engines: ENGINES,
      warmupRequests: WARMUP,
      requestsPerMeasurement: REQUESTS,
      maxSecondsPerMeasurement: MAX_SECONDS,
      sequential: true,
    },
    targets: TARGETS,
  };
  const build = ensureBuild();
  if (!build.ok) {
    output.error = build.reason;
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    process.exitCode = 1;
    return;
  }
  output.buildId = readBuildId();

  for (const engine of ENGINES as ('pglite' | 'postgres')[]) {
    const results: Record<string, unknown> = {};
    output[engine] = results;
    let pgServer: PgServer | null = null;
    if (engine === 'postgres') {
      const started = await startPostgres();
      if ('skipped' in started) {
        output[engine] = { skipped: started.skipped };
        log(`postgres skipped: ${started.skipped}`);
        continue;
      }
      pgServer = started;
      cleanups.push(() => started.stop());
      results.server = `${started.describe}, version ${await pgServerVersion(started.adminUrl)}`;
    }
    for (const n of SIZES) {
      try {
        results[String(n)] = await runOne(engine, n, pgServer, WEBHOOK_RUNS > 0 && n === Math.min(Math.max(...SIZES), 10_000));
      } catch (err) {
        await activeStandIn?.stop().catch(() => undefined);
        log(`${engine} N=${n} failed:`, (err as Error).message);
        results[String(n)] = { error: (err as Error).message.slice(0, 2000) };
      }
      // Partial results survive an interrupted run.
      if (OUT) fs.writeFileSync(OUT, `${JSON.stringify(output, null, 2)}\n`);
    }
    if (pgServer) await cleanup();
  }
  output.totalSeconds = Math.round((performance.now() - t0) / 1000);
  const json = `${JSON.stringify(output, null, 2)}\n`;
  if (OUT) fs.writeFileSync(OUT, json);
  process.stdout.write(json);
}

try {
  await main();
} finally {
  await cleanup();
}
