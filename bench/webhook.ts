import { randomBytes } from 'node:crypto';
import { createGitHubStandIn, type GitHubStandIn } from '../standins/github/server';
import { SEED_TOKEN, seedAcme } from '../standins/github/seed';

// "Webhook push → visible in the catalog API" for bench/run.ts: a seeded local GitHub stand-in
// (standins/github) sends signed `push` deliveries to the server under test, whose config holds the
// stand-in as a GitHub integration and one `url` location (acme/booking-service). Each run commits
// a fresh description to booking-service's catalog-info.yaml and polls the catalog API until it
// shows.

export const WEBHOOK_REPO = 'acme/booking-service';
export const WEBHOOK_ENTITY_PATH = '/api/catalog/entities/by-name/component/default/booking-service';
const TOKEN_ENV = 'WF_BENCH_GITHUB_TOKEN';

export type WebhookStandIn = {
  gh: GitHubStandIn;
  /** The config location's target (a blob URL on the stand-in). */
  target: string;
  /** `location` of the server's "location ingested" log lines for that location. */
  locationRef: string;
  /** Lines for wayfinder.config.yaml: `integrations:` (top level). */
  integrationYaml: string[];
  /** Lines for wayfinder.config.yaml: one item under `catalog.locations`. */
  locationYaml: string[];
  /** Environment for the server (and the ingest child, which loads the same config). */
  env: Record<string, string>;
  stop(): Promise<void>;
};

/** Starts the seeded stand-in; its webhook points at the (not yet started) server on `appPort`. */
export async function startWebhookStandIn(appPort: number): Promise<WebhookStandIn> {
  const secret = randomBytes(24).toString('hex');
  // The `ping` sent on attaching the hook finds no server yet: harmless (GitHub records a failed ping too).
  const gh = await createGitHubStandIn({ seed: seedAcme, webhook: { url: `http://127.0.0.1:${appPort}/api/webhooks/github`, secret } });
  const target = `${gh.url}/${WEBHOOK_REPO}/blob/main/catalog-info.yaml`;
  let stopped: Promise<void> | null = null;
  return {
    gh,
    target,
    locationRef: `url:${target}`,
    integrationYaml: [
      'integrations:',
      '  github:',
      '    - host: github.local',
      `      apiBaseUrl: ${gh.url}`,
      `      webBaseUrl: ${gh.url}`,
      `      token: \${${TOKEN_ENV}}`,
    ],
    locationYaml: ['    - type: url', `      target: ${target}`],
    env: { [TOKEN_ENV]: SEED_TOKEN, GITHUB_WEBHOOK_SECRET: secret },
    stop() {
      // Deliveries in flight to a stopped server end within their 10 s timeout at most.
      stopped ??= gh.stop();
      return stopped;
    },
  };
}

type LogLine = Record<string, unknown>;
type Run = {
  /** commitFiles → the new description served by the catalog API. */
  visibleMs: number | null;
  /** commitFiles → the app answered the push delivery. */
  deliveryAckMs: number | null;
  deliveryStatus: number | null;
  /** From the server log: the app's handling of the POST (verify, record, enqueue). */
  receiveMs?: number;
  /** Delivery answered → the re-ingestion of the location started (queue pickup). */
  pickupMs?: number;
  /** The re-ingestion of the location (fetch from the stand-in, parse, write). */
  ingestMs?: number;
  /** Re-ingestion done → the bench's poll saw the new value (polling granularity + one GET). */
  seenAfterIngestMs?: number;
  polls: number;
  error?: string;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (x: number) => Math.round(x * 10) / 10;

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}
function summary(xs: (number | null | undefined)[]) {
  const s = xs.filter((x): x is number => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return { n: 0 };
  return { n: s.length, p50: round(percentile(s, 50)), p95: round(percentile(s, 95)), max: round(s[s.length - 1]) };
}

export async function measureWebhookVisible(opts: {
  base: string;
  standIn: WebhookStandIn;
  runs: number;
  pollMs?: number;
  timeoutMs?: number;
  headers: Record<string, string>;
  logLines: () => LogLine[];
  log: (...a: unknown[]) => void;
}) {
  const { base, standIn, runs, headers, log } = opts;
  const pollMs = opts.pollMs ?? 20;
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const { gh } = standIn;
  const url = base + WEBHOOK_ENTITY_PATH;
  const describe = async () => {
    const r = await fetch(url, { headers: { accept: 'application/json', ...headers }, redirect: 'manual' });
    const body = (await r.json().catch(() => null)) as { metadata?: { description?: string } } | null;
    return { status: r.status, description: body?.metadata?.description };
  };

  const first = await describe().catch((err: Error) => ({ status: 0, error: err.message }));
  if ('error' in first) return { error: `GET ${WEBHOOK_ENTITY_PATH} failed before the first push: ${first.error} (did the server exit?)` };
  if (first.status !== 200) {
    return { error: `GET ${WEBHOOK_ENTITY_PATH} answered ${first.status} before the first push (was the location ingested?)` };
  }

  const out: Run[] = [];
  // Wall-clock times (ms) of each run, to place it in the server's log.
  const walls: { start: number; ack: number | null; seen: number | null }[] = [];
  for (let k = 0; k < runs; k++) {
    // A random pause decorrelates the pushes from the job queue's polling phase.
    await sleep(100 + Math.floor(Math.random() * 400));
    const file = gh.state.readFile(WEBHOOK_REPO, 'catalog-info.yaml');
    if (!file || !/description: .*/.test(file)) return { error: `${WEBHOOK_REPO}/catalog-info.yaml has no description line` };
    const description = `Pushed by the benchmark, run ${k + 1}, ${randomBytes(6).toString('hex')}`;
    const content = file.replace(/description: .*/, `description: ${JSON.stringify(description)}`);
    const deliveriesBefore = gh.state.deliveries.length;

    const wallStart = Date.now();
    const t0 = performance.now();
    gh.state.commitFiles(WEBHOOK_REPO, { message: `Benchmark push ${k + 1}`, files: { 'catalog-info.yaml': content } });
    let ackMs: number | null = null;
    void gh.state.flushWebhooks().then(() => (ackMs = performance.now() - t0));

    let visibleMs: number | null = null;
    let polls = 0;
    while (performance.now() - t0 < timeoutMs) {
      polls++;
      const r = await describe().catch(() => null);
      if (r?.description === description) {
        visibleMs = performance.now() - t0;
        break;
      }
      await sleep(pollMs);
    }
    await gh.state.flushWebhooks();
    const push = gh.state.deliveries.slice(deliveriesBefore).find((d) => d.event === 'push');
    out.push({
      visibleMs: visibleMs === null ? null : round(visibleMs),
      deliveryAckMs: ackMs === null ? null : round(ackMs),
      deliveryStatus: push?.status ?? null,
      polls,
      ...(visibleMs === null ? { error: `not visible within ${timeoutMs} ms` } : {}),
      ...(push ? {} : { error: 'the stand-in sent no push delivery' }),
    });
    walls.push({
      start: wallStart,
      ack: ackMs === null ? null : wallStart + ackMs,
      seen: visibleMs === null ? null : wallStart + visibleMs,
    });
    log(
      `  webhook push ${k + 1}/${runs}: ${visibleMs === null ? 'not visible' : `visible after ${round(visibleMs)} ms`} (delivery answered ${push?.status ?? '-'} after ${ackMs === null ? '-' : round(ackMs)} ms)`,
    );
  }

  // Where the time went, from the server's log: the webhook request line and the "location ingested"
  // line of each run (pino's `time` is the wall clock in ms; same machine, same clock).
  const lines = opts.logLines();
  const ingests = lines.filter((l) => l.msg === 'location ingested' && l.location === standIn.locationRef);
  const hooks = lines.filter((l) => l.msg === 'request' && l.path === '/api/webhooks/github' && l.method === 'POST');
  for (const [i, run] of out.entries()) {
    const wall = walls[i];
    const end = walls[i + 1]?.start ?? Infinity;
    const within = (l: LogLine) => (l.time as number) >= wall.start && (l.time as number) < end;
    const hook = hooks.find(within);
    if (hook) run.receiveMs = hook.ms as number;
    const ing = ingests.find(within);
    if (!ing) continue;
    const ingEnd = ing.time as number;
    const ingStart = ingEnd - (ing.ms as number);
    run.ingestMs = ing.ms as number;
    if (wall.ack !== null) run.pickupMs = Math.max(0, Math.round(ingStart - wall.ack));
    if (wall.seen !== null) run.seenAfterIngestMs = Math.max(0, Math.round(wall.seen - ingEnd));
  }

  const visible = summary(out.map((r) => r.visibleMs));
  return {
    ...visible,
    notVisible: out.filter((r) => r.visibleMs === null).length,
    pollIntervalMs: pollMs,
    location: standIn.target,
    breakdown: {
      deliveryAckMs: summary(out.map((r) => r.deliveryAckMs)),
      serverReceiveMs: summary(out.map((r) => r.receiveMs)),
      queuePickupMs: summary(out.map((r) => r.pickupMs)),
      ingestMs: summary(out.map((r) => r.ingestMs)),
      seenAfterIngestMs: summary(out.map((r) => r.seenAfterIngestMs)),
    },
    runs: out,
  };
}
