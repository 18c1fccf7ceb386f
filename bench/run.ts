import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateCatalog, type GeneratedCatalog } from './generate';
import { measureWebhookVisible, startWebhookStandIn, type WebhookStandIn } from './webhook';

// `npm run bench`: Wayfinder's performance benchmark. For each engine (embedded PGlite; PostgreSQL
// when DATABASE_URL is set or a throwaway PostgreSQL 15 cluster can be started here) and each
// catalog size, it generates a synthetic catalog, times its full ingestion (bench/ingest.ts, a
// child process calling registerLocation), starts the production server (scripts/server.ts) on
// that database and measures over HTTP: catalog API latencies, catalog page renders, the delay of
// an explicit refresh, and the server's peak RSS. At the largest size only, it also measures how
// long a GitHub push takes to show in the catalog API (bench/webhook.ts: a local GitHub stand-in
// sends signed push webhooks to the server). Prints ONE JSON document on stdout; progress
// goes to stderr.
//
// `npm run -s bench > result.json` keeps npm's banner out of stdout.
// Options: --out=FILE (also write the JSON there)  --sizes=1000,10000  --engines=pglite,postgres  --requests=200  --warmup=20
//          --max-seconds=30 (per measurement)  --keep (keep temp folders)  --webhook-runs=30 (0: skip)

const ROOT = path.resolve(import.meta.dirname, '..');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.length ? v.join('=') : 'true'];
  }),
);
const SIZES = (args.sizes ?? '1000,10000').split(',').map(Number);
const ENGINES = (args.engines ?? 'pglite,postgres').split(',');
const REQUESTS = Number(args.requests ?? 200);
const WARMUP = Number(args.warmup ?? 20);
const MAX_SECONDS = Number(args['max-seconds'] ?? 30);
const KEEP = args.keep === 'true';
const OUT = args.out; // also write the JSON document to this file
const WEBHOOK_RUNS = Number(args['webhook-runs'] ?? 30);
// The server runs with the heap limit `npm start` gives it (scripts/start.mjs), unless overridden.
const SERVER_NODE_OPTIONS = args['server-node-options'] ?? '--max-old-space-size=384';
// BENCH_TOKEN=<API token> is sent as a bearer token on every request. When the configuration knows
// auth.serviceTokens (and the production build does too), the bench's config declares a read-scoped
// service token `bench` with that value, or with a random one when BENCH_TOKEN is not set, and a
// write-scoped one (`bench-write`, random) used only for POST /api/catalog/refresh.
const AUTH = serviceTokenSupport();
const BENCH_TOKEN = process.env.BENCH_TOKEN || (AUTH.supported ? randomBytes(24).toString('hex') : '');
const AUTH_HEADERS: Record<string, string> = BENCH_TOKEN ? { authorization: `Bearer ${BENCH_TOKEN}` } : {};
const BENCH_WRITE_TOKEN = AUTH.supported ? randomBytes(24).toString('hex') : '';
const WRITE_AUTH_HEADERS: Record<string, string> = BENCH_WRITE_TOKEN ? { authorization: `Bearer ${BENCH_WRITE_TOKEN}` } : AUTH_HEADERS;
const PG_BIN = '/usr/lib/postgresql/15/bin';

const TARGETS = {
  ingestEntitiesPerSecond: '> 2000',
  apiByQueryP95Ms: '< 25',
  pageRenderP95Ms: '< 200',
  refreshVisibleMs: '< 1000',
  webhookVisibleP95Ms: '< 1000',
  serverPeakRssMbPostgres: '< 600',
};

const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

const cleanups: (() => Promise<void> | void)[] = [];
async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      log('cleanup failed:', (err as Error).message);
    }
  }
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    log(`${sig}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function stats(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s[s.length - 1] ?? NaN) };
}

// ---------------------------------------------------------------------------------------------
// Production build

/** Whether `auth.serviceTokens` is a config key, in the sources (bench/ingest.ts) and in the build (the server). */
function serviceTokenSupport(): { supported: boolean; note?: string } {
  let source = false;
  try {
    source = /serviceTokens\s*:/.test(fs.readFileSync(path.join(ROOT, 'lib/config/schema.ts'), 'utf8'));
  } catch {
    // no schema file: treat as unsupported
  }
  if (!source) return { supported: false };
  const dir = path.join(ROOT, '.next', 'server');
  if (!fs.existsSync(dir)) return { supported: true }; // ensureBuild() builds from these sources
  const grep = spawnSync('grep', ['-rlq', '--include=*.js', 'serviceTokens', dir]);
  if (grep.status === 0) return { supported: true };
  return { supported: false, note: 'lib/config/schema.ts has auth.serviceTokens but the production build (.next) does not: no service token configured; rebuild (`npx next build`) to bench with auth' };
}

function readBuildId(): string | null {
  try {
    return fs.readFileSync(path.join(ROOT, '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}

function ensureBuild(): { ok: true } | { ok: false; reason: string } {
  if (fs.existsSync(path.join(ROOT, '.next', 'BUILD_ID'))) return { ok: true };
  log('no production build (.next/BUILD_ID): running `npx next build`');
  const r = spawnSync('npx', ['next', 'build'], { cwd: ROOT, stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, NODE_ENV: 'production' } });
  return r.status === 0 ? { ok: true } : { ok: false, reason: `next build failed (exit ${r.status})` };
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL: DATABASE_URL, or a throwaway local cluster

type PgServer = { adminUrl: string; describe: string; stop(): Promise<void> };

async function startPostgres(): Promise<PgServer | { skipped: string }> {
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, describe: 'DATABASE_URL', stop: async () => undefined };
  }
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) return { skipped: `no DATABASE_URL and no PostgreSQL 15 at ${PG_BIN}` };
  if (process.getuid?.() !== 0) return { skipped: 'no DATABASE_URL, and starting a throwaway cluster needs root (runuser -u postgres)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-bench-pg-'));
  fs.chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = path.join(dir, 'data');
  const init = spawnSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'], { encoding: 'utf8' });
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skipped: `initdb failed: ${(init.stderr || init.stdout).trim().slice(0, 300)}` };
  }
  const port = await freePort();
  const logFile = path.join(dir, 'postgres.log');
  const start = spawnSync(
    'runuser',
    ['-u', 'postgres', '--', `${PG_BIN}/pg_ctl`, '-D', data, '-l', logFile, '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`, '-w', 'start'],
    { encoding: 'utf8' },
  );
  const stop = async () => {
    spawnSync('runuser', ['-u', 'postgres', '--', `${PG_BIN}/pg_ctl`, '-D', data, '-m', 'fast', '-w', 'stop'], { encoding: 'utf8' });
    if (!KEEP) fs.rmSync(dir, { recursive: true, force: true });
  };
  if (start.status !== 0) {
    await stop();
    return { skipped: `pg_ctl start failed: ${(start.stderr || start.stdout).trim().slice(0, 300)}` };
  }
  return { adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`, describe: `throwaway PostgreSQL 15 cluster on port ${port}`, stop };
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

async function pgServerVersion(adminUrl: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await c.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The server under test

type Server = {
  port: number;
  base: string;
  logLines: () => Record<string, unknown>[];
  peakRssMb(): { serverPid: number | null; vmHwmMb: number | null; vmRssMb: number | null; processes: { pid: number; cmd: string; vmHwmMb: number }[] };
  stop(): Promise<void>;
};

function groupProcesses(pgid: number): { pid: number; cmd: string; hwmKb: number; rssKb: number }[] {
  const out: { pid: number; cmd: string; hwmKb: number; rssKb: number }[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5: pgrp
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim();
      out.push({ pid: Number(entry), cmd, hwmKb: kb('VmHWM'), rssKb: kb('VmRSS') });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

async function startServer(env: Record<string, string>, logFile: string, fixedPort?: number): Promise<Server> {
  const port = fixedPort ?? (await freePort());
  const fd = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn('npx', ['tsx', 'scripts/server.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', fd, fd],
    env: {
      ...process.env,
      ...env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...(SERVER_NODE_OPTIONS ? { NODE_OPTIONS: [process.env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(' ') } : {}),
    },
  });
  fs.closeSync(fd);
  const pgid = child.pid!;
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const stop = async () => {
    if (exited !== null && groupProcesses(pgid).length === 0) return;
    try {
      process.kill(-pgid, 'SIGTERM');
    } catch {
      return;
    }
    for (let i = 0; i < 50 && groupProcesses(pgid).length; i++) await sleep(100);
    if (groupProcesses(pgid).length) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        // gone
      }
      for (let i = 0; i < 20 && groupProcesses(pgid).length; i++) await sleep(100);
    }
  };
  cleanups.push(stop);
  const logLines = () =>
    fs
      .readFileSync(logFile, 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          return {};
        }
      });
  return {
    port,
    base: `http://127.0.0.1:${port}`,
    logLines,
    peakRssMb() {
      const procs = groupProcesses(pgid);
      const server = procs.filter((p) => p.cmd.includes('scripts/server.ts')).sort((a, b) => b.hwmKb - a.hwmKb)[0];
      return {
        serverPid: server?.pid ?? null,
        vmHwmMb: server ? round(server.hwmKb / 1024) : null,
        vmRssMb: server ? round(server.rssKb / 1024) : null,
        processes: procs.map((p) => ({ pid: p.pid, cmd: p.cmd.slice(0, 120), vmHwmMb: round(p.hwmKb / 1024) })),
      };
    },
    stop,
    get exited() {
      return exited;
    },
  } as Server;
}

async function waitFor(desc: string, timeoutMs: number, fn: () => Promise<boolean> | boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await fn()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${desc}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP measurements

type Measurement = { n: number; p50: number; p95: number; max: number; status: Record<string, number>; url: string; note?: string; serverVmHwmMbAfter?: number | null };

/** A GET, or a POST of `json` when given (the predicate endpoints). */
async function timedGet(url: string, json?: unknown): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  // Redirects are not followed: a redirect to a sign-in page must count as a failure, not a fast page.
  const headers = { accept: url.includes('/api/') ? 'application/json' : 'text/html', ...(json === undefined ? {} : { 'content-type': 'application/json' }), ...AUTH_HEADERS };
  const res = await fetch(url, { redirect: 'manual', headers, ...(json === undefined ? {} : { method: 'POST', body: JSON.stringify(json) }) });
  const body = await res.text();
  return { ms: performance.now() - t0, status: res.status, body };
}

/** Warm-up, then sequential timed requests; `next` gives the URL of request i (and may chain); `post` a JSON body to POST. */
async function measure(server: Server, label: string, next: (i: number, last?: string) => string, post?: () => unknown): Promise<Measurement> {
  const base = server.base;
  let last: string | undefined;
  const warmStarted = performance.now();
  for (let i = 0; i < WARMUP && performance.now() - warmStarted < 10_000; i++) last = (await timedGet(base + next(i, last), post?.())).body;
  const samples: number[] = [];
  const status: Record<string, number> = {};
  const started = performance.now();
  let firstUrl = '';
  let note: string | undefined;
  for (let i = 0; i < REQUESTS; i++) {
    const url = next(WARMUP + i, last);
    if (!firstUrl) firstUrl = url;
    const r = await timedGet(base + url, post?.());
    samples.push(r.ms);
    status[r.status] = (status[r.status] ?? 0) + 1;
    last = r.body;
    if (performance.now() - started > MAX_SECONDS * 1000) {
      note = `stopped after ${MAX_SECONDS} s`;
      break;
    }
  }
  const bad = Object.keys(status).filter((c) => !c.startsWith('2'));
  if (bad.length) note = [note, `non-2xx answers (${bad.join(', ')}): these timings are not of the real route`].filter(Boolean).join('; ');
  const m = {
    ...stats(samples),
    status,
    url: firstUrl.length > 160 ? `${firstUrl.slice(0, 160)}…` : firstUrl,
    ...(note ? { note } : {}),
    serverVmHwmMbAfter: server.peakRssMb().vmHwmMb,
  };
  log(`  ${label}: p50 ${m.p50} ms, p95 ${m.p95} ms (n=${m.n}, status ${JSON.stringify(status)})`);
  return m;
}

function makeRandom(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}

async function measureHttp(server: Server, cat: GeneratedCatalog) {
  const rand = makeRandom(42);
  const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
  const api = '/api/catalog/entities';
  const enc = encodeURIComponent;
  const types = ['service', 'website', 'library'];

  const firstPage = `${api}/by-query?filter=${enc('kind=component')}&limit=20`;
  const cursorNext = (_i: number, last?: string) => {
    try {
      const cursor = last ? (JSON.parse(last) as { pageInfo?: { nextCursor?: string } }).pageInfo?.nextCursor : undefined;
      return cursor ? `${api}/by-query?cursor=${enc(cursor)}` : firstPage;
    } catch {
      return firstPage;
    }
  };

  const apiResults = {
    byQueryKindComponent: await measure(server, 'by-query kind=component limit 20', () => firstPage),
    byQueryTypeFullText: await measure(
      server,
      'by-query kind=component,spec.type + fullTextFilterTerm',
      () => `${api}/by-query?filter=${enc(`kind=component,spec.type=${pick(types)}`)}&fullTextFilterTerm=${enc(pick(cat.words))}&limit=20`,
    ),
    byQueryCursorNextPage: await measure(server, 'by-query cursor (next page chain)', cursorNext),
    byQueryPredicate: await measure(
      server,
      'POST by-query predicate ($all kind, spec.type $in, $not lifecycle), limit 20',
      () => `${api}/by-query`,
      () => ({ query: { $all: [{ kind: 'component' }, { 'spec.type': { $in: [pick(types), pick(types)] } }, { $not: { 'spec.lifecycle': 'deprecated' } }] }, limit: 20 }),
    ),
    byName: await measure(server, 'by-name random component', () => `${api}/by-name/component/default/${pick(cat.componentNames)}`),
  };
  const pages = {
    catalogKindComponent: await measure(server, 'page /catalog?kind=component', () => `/catalog?kind=component`),
    catalogQuery: await measure(server, 'page /catalog?q=…', () => `/catalog?q=${enc(pick(cat.words))}`),
    entityPage: await measure(server, 'page /catalog/component/default/<name>', () => `/catalog/component/default/${pick(cat.componentNames)}`),
  };
  return { api: apiResults, pages };
}

async function measureRefresh(server: Server, cat: GeneratedCatalog, times = 3) {
  const rand = makeRandom(7);
  const runs: { entity: string; ms: number | null; postStatus: number; error?: string }[] = [];
  const names = [...cat.descriptions.keys()];
  for (let k = 0; k < times; k++) {
    const name = names[Math.floor(rand() * names.length)];
    const { file, line } = cat.descriptions.get(name)!;
    const description = `Refreshed by the benchmark ${randomBytes(6).toString('hex')}`;
    const newLine = `  description: ${JSON.stringify(description)}`;
    const text = fs.readFileSync(file, 'utf8');
    if (!text.includes(line)) {
      runs.push({ entity: name, ms: null, postStatus: 0, error: 'description line not found' });
      continue;
    }
    fs.writeFileSync(file, text.replace(line, newLine));
    cat.descriptions.set(name, { file, line: newLine });
    const ref = `component:default/${name}`;
    const t0 = performance.now();
    const post = await fetch(`${server.base}/api/catalog/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...WRITE_AUTH_HEADERS },
      body: JSON.stringify({ entityRef: ref }),
    });
    await post.text();
    if (post.status >= 400) {
      runs.push({ entity: ref, ms: null, postStatus: post.status, error: `POST /api/catalog/refresh answered ${post.status}` });
      continue;
    }
    let ms: number | null = null;
    while (performance.now() - t0 < 30_000) {
      const r = await fetch(`${server.base}/api/catalog/entities/by-name/component/default/${name}`, { headers: AUTH_HEADERS });
      const body = (await r.json().catch(() => null)) as { metadata?: { description?: string } } | null;
      if (body?.metadata?.description === description) {
        ms = performance.now() - t0;
        break;
      }
      await sleep(10);
    }
    runs.push({ entity: ref, ms: ms === null ? null : round(ms), postStatus: post.status, ...(ms === null ? { error: 'not visible within 30 s' } : {}) });
    log(`  refresh ${ref}: ${ms === null ? 'not visible' : `${round(ms)} ms`} (POST ${post.status})`);
  }
  const ok = runs.map((r) => r.ms).filter((x): x is number => x !== null);
  return { ...(ok.length ? { p50: stats(ok).p50, max: stats(ok).max } : {}), runs };
}

// ---------------------------------------------------------------------------------------------
// One (engine, size) run

/** The GitHub stand-in of the run in progress, so a failed run stops it at once (stop() is idempotent). */
let activeStandIn: WebhookStandIn | null = null;

async function runOne(engine: 'pglite' | 'postgres', n: number, pgServer: PgServer | null, withWebhook: boolean) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `wayfinder-bench-${engine}-${n}-`));
  const removeTmp = () => {
    if (!KEEP) fs.rmSync(tmp, { recursive: true, force: true });
  };
  cleanups.push(removeTmp);
  const catalogDir = path.join(tmp, 'catalog');
  const configFile = path.join(tmp, 'wayfinder.config.yaml');
  const dataDir = path.join(tmp, 'data');

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
      ...(standIn ? ['  locations:', ...standIn.locationYaml] : ['  locations: []']),
      // The reconciliation pass runs once at start-up; keep the periodic one out of the measurements.
      '  refreshIntervalSeconds: 3600',
      ...(standIn ? standIn.integrationYaml : []),
      ...(AUTH.supported
        ? ['auth:', '  serviceTokens:', '    - name: bench', '      token: ${BENCH_TOKEN}', '      scope: read', '    - name: bench-write', '      token: ${BENCH_WRITE_TOKEN}', '      scope: write']
        : []),
      '',
    ].join('\n'),
  );

  const env: Record<string, string> = { WAYFINDER_CONFIG: configFile, WAYFINDER_DATA_DIR: dataDir, ...(standIn?.env ?? {}), ...(AUTH.supported ? { BENCH_TOKEN, BENCH_WRITE_TOKEN } : {}) };
  let dbName: string | null = null;
  if (engine === 'postgres') {
    dbName = `wayfinder_bench_${n}_${randomBytes(3).toString('hex')}`;
    await adminQuery(pgServer!.adminUrl, `CREATE DATABASE "${dbName}"`);
    const u = new URL(pgServer!.adminUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
    const name = dbName;
    cleanups.push(() => adminQuery(pgServer!.adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  } else {
    env.DATABASE_URL = '';
  }

  // 1. Full ingestion, in a process of its own (the server is not running: one process per PGlite folder).
  log(`  ingesting (bench/ingest.ts → registerLocation)`);
  const outFile = path.join(tmp, 'ingest.json');
  const ing = spawnSync('npx', ['tsx', '--conditions=react-server', 'bench/ingest.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...env, NODE_ENV: 'production', LOG_LEVEL: 'warn', BENCH_TARGET: catalogDir, BENCH_OUT: outFile },
    stdio: ['ignore', process.stderr, process.stderr],
    timeout: 600_000,
  });
  if (ing.status !== 0 || !fs.existsSync(outFile)) throw new Error(`ingestion child failed (exit ${ing.status})`);
  const ingested = JSON.parse(fs.readFileSync(outFile, 'utf8')) as {
    ms: number;
    summaries: { added: number; errors: number; ms: number }[];
    counts: { entities: number; relations: number; searchRows: number; processingErrors: number };
    errors: string[];
    maxRssMb: number;
  };
  const ingest = {
    seconds: round(ingested.ms / 1000, 2),
    entitiesPerSecond: Math.round(ingested.counts.entities / (ingested.ms / 1000)),
    summary: ingested.summaries[0],
    ingestProcessPeakRssMb: ingested.maxRssMb,
    ...(ingested.errors.length ? { sampleErrors: ingested.errors } : {}),
  };
  log(`  ingested ${ingested.counts.entities} entities, ${ingested.counts.relations} relations in ${ingest.seconds} s (${ingest.entitiesPerSecond}/s)`);

  // 2. The production server on the same database.
  const logFile = path.join(tmp, 'server.log');
  const buildIdAtStart = readBuildId();
  const s0 = performance.now();
  const server = await startServer(env, logFile, serverPort);
  let http: Awaited<ReturnType<typeof measureHttp>> | { error: string } | undefined;
  let refresh: Awaited<ReturnType<typeof measureRefresh>> | { error: string } | undefined;
  let webhook: Awaited<ReturnType<typeof measureWebhookVisible>> | { error: string } | undefined;
  let startup: Record<string, unknown> = {};
  const rssCheckpoints: Record<string, number | null> = {};
  let rss: ReturnType<Server['peakRssMb']> = { serverPid: null, vmHwmMb: null, vmRssMb: null, processes: [] };
  try {
    await waitFor('the server to answer /api/health', 180_000, async () => {
      if ((server as unknown as { exited: number | null }).exited !== null) throw new Error(`server exited; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
      try {
        const r = await fetch(`${server.base}/api/health`);
        await r.text();
        return r.status < 500;
      } catch {
        return false;
      }
    });
    const readyMs = performance.now() - s0;
    // The start-up reconciliation pass re-reads every location; wait for it so it does not overlap measurements.
    const ingestedLine = (prefix: string) => server.logLines().find((l) => l.msg === 'location ingested' && String(l.location).startsWith(prefix));
    await waitFor('the start-up reconciliation (log "location ingested")', 300_000, () => Boolean(ingestedLine('file:')));
    const line = ingestedLine('file:')!;
    startup = {
      readyMs: Math.round(readyMs),
      reconcileUnchangedMs: line.ms,
      reconcileSummary: { added: line.added, updated: line.updated, unchanged: line.unchanged, removed: line.removed, errors: line.errors },
    };
    log(`  server up in ${Math.round(readyMs)} ms; start-up reconciliation re-read the location in ${line.ms} ms`);
    if (standIn) {
      // The same pass then reads the config location from the stand-in for the first time.
      await waitFor('the start-up ingestion of the GitHub location', 120_000, () => Boolean(ingestedLine(standIn.locationRef)));
      const gl = ingestedLine(standIn.locationRef)!;
      startup.githubLocationFirstIngest = { ms: gl.ms, added: gl.added, errors: gl.errors };
      log(`  start-up reconciliation read the GitHub location in ${gl.ms} ms (added ${gl.added}, errors ${gl.errors})`);
    }

    rssCheckpoints.afterStartupReconcileMb = server.peakRssMb().vmHwmMb;
    http = await measureHttp(server, cat).catch((err: Error) => ({ error: err.message }));
    rssCheckpoints.afterHttpMeasurementsMb = server.peakRssMb().vmHwmMb;
    refresh = await measureRefresh(server, cat).catch((err: Error) => ({ error: err.message }));
    rssCheckpoints.afterRefreshesMb = server.peakRssMb().vmHwmMb;
    if (standIn) {
      log(`  webhook push → visible in the catalog API (${WEBHOOK_RUNS} pushes)`);
      webhook = await measureWebhookVisible({ base: server.base, standIn, runs: WEBHOOK_RUNS, headers: AUTH_HEADERS, logLines: server.logLines, log }).catch((err: Error) => ({ error: err.message }));
      if (!('error' in webhook)) log(`  webhook visible: p50 ${webhook.p50} ms, p95 ${webhook.p95} ms, max ${webhook.max} ms`);
      else log(`  webhook measurement failed: ${webhook.error}`);
      rssCheckpoints.afterWebhooksMb = server.peakRssMb().vmHwmMb;
    }
  } finally {
    rss = server.peakRssMb();
    const errorLines = server.logLines().filter((l) => l.level === 'error' || l.level === 'fatal');
    // Octokit's request log reports a conditional request's 304 (a cache hit) at error level: counted apart.
    const isNotModified = (l: Record<string, unknown>) => / - 304 with id /.test(String(l.msg));
    const errorsLogged = errorLines
      .filter((l) => !isNotModified(l))
      .slice(0, 5)
      .map((l) => `${l.msg}: ${JSON.stringify((l.err as { message?: string })?.message ?? '')}`.slice(0, 300));
    startup.serverErrorsLogged = errorsLogged;
    const notModified = errorLines.filter(isNotModified).length;
    if (notModified) startup.github304LoggedAsErrors = notModified;
    await server.stop();
    await standIn?.stop();
    activeStandIn = null;
  }
  log(`  server peak RSS (VmHWM of pid ${rss.serverPid}): ${rss.vmHwmMb} MB`);
  const buildIdAtEnd = readBuildId();
  if (buildIdAtEnd !== buildIdAtStart) {
    startup.warning = `.next was rebuilt during this run (BUILD_ID ${buildIdAtStart} → ${buildIdAtEnd}): page timings may be of error responses; re-run`;
    log(`  WARNING: ${startup.warning}`);
  }
  removeTmp();
  return {
    loadAverage1mAtEnd: round(os.loadavg()[0], 2),
    catalog: { components: n, entities: ingested.counts.entities, relations: ingested.counts.relations, searchRows: ingested.counts.searchRows, byKind: cat.counts, files: cat.files, megabytes: round(cat.bytes / 1e6, 2), processingErrors: ingested.counts.processingErrors },
    ingest,
    server: startup,
    ...(http && 'error' in http ? { httpError: http.error } : http),
    refresh,
    ...(webhook ? { webhookVisibleMs: webhook } : {}),
    peakRss: { serverPid: rss.serverPid, vmHwmMb: rss.vmHwmMb, vmRssMbAtEnd: rss.vmRssMb, vmHwmCheckpoints: rssCheckpoints, processGroup: rss.processes },
  };
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const t0 = performance.now();
  const output: Record<string, unknown> = {
    benchmark: 'wayfinder',
    startedAt: new Date().toISOString(),
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGb: round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    settings: { webhookRuns: WEBHOOK_RUNS, webhookAtSize: Math.max(...SIZES), serviceToken: AUTH.supported ? `auth.serviceTokens "bench" (read, ${process.env.BENCH_TOKEN ? 'BENCH_TOKEN' : 'random'}) for reads, "bench-write" (write, random) for POST /api/catalog/refresh` : BENCH_TOKEN ? 'BENCH_TOKEN sent, not configured' : null, ...(AUTH.note ? { authNote: AUTH.note } : {}), serverNodeOptions: SERVER_NODE_OPTIONS ?? null, sizes: SIZES, engines: ENGINES, warmupRequests: WARMUP, requestsPerMeasurement: REQUESTS, maxSecondsPerMeasurement: MAX_SECONDS, sequential: true },
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
        results[String(n)] = await runOne(engine, n, pgServer, WEBHOOK_RUNS > 0 && n === Math.max(...SIZES));
      } catch (err) {
        await activeStandIn?.stop().catch(() => undefined);
        log(`${engine} N=${n} failed:`, (err as Error).message);
        results[String(n)] = { error: (err as Error).message.slice(0, 2000) };
      }
    }
    if (pgServer) {
      await cleanup();
    }
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
