import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

// Options and helpers every part of the benchmark shares (bench/run.ts is the entry).
//   npm run -s bench -- --sizes=1000,10000 --engines=pglite   (or BENCH_SIZES=1000 npm run -s bench)
// Options: --out=FILE (also write the JSON there)  --sizes=1000,10000,30000,100000  --engines=pglite,postgres
//          --requests=200  --warmup=20  --max-seconds=30 (per measurement)  --keep (keep temp folders)
//          --webhook-runs=30 (0: skip)  --server-node-options=… (default: none, the heap limit `npm start` sets)

export const ROOT = path.resolve(import.meta.dirname, '..');
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const [k, ...v] = a.replace(/^--/, '').split('=');
    return [k, v.length ? v.join('=') : 'true'];
  }),
);
export const SIZES = (args.sizes ?? process.env.BENCH_SIZES ?? '1000,10000,30000,100000').split(',').map(Number);
export const ENGINES = (args.engines ?? process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
export const REQUESTS = Number(args.requests ?? 200);
export const WARMUP = Number(args.warmup ?? 20);
export const MAX_SECONDS = Number(args['max-seconds'] ?? 30);
export const KEEP = args.keep === 'true';
export const OUT = args.out; // also write the JSON document to this file
export const WEBHOOK_RUNS = Number(args['webhook-runs'] ?? 30);
/** Extra node options for the server; by default it runs exactly as `npm start` runs it. */
export const SERVER_NODE_OPTIONS: string | undefined = args['server-node-options'];
export const PG_BIN = '/usr/lib/postgresql/15/bin';
// Service tokens the bench's config declares: a read-scoped one (BENCH_TOKEN or random) for every
// request, and a write-scoped one only for POST /api/catalog/refresh.
export const BENCH_TOKEN = process.env.BENCH_TOKEN || randomBytes(24).toString('hex');
export const BENCH_WRITE_TOKEN = randomBytes(24).toString('hex');
export const AUTH_HEADERS: Record<string, string> = { authorization: `Bearer ${BENCH_TOKEN}` };
export const WRITE_AUTH_HEADERS: Record<string, string> = { authorization: `Bearer ${BENCH_WRITE_TOKEN}` };

export const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** Undo steps of the run, last first (temp folders, servers, databases); also on SIGINT/SIGTERM. */
export const cleanups: (() => Promise<void> | void)[] = [];
export async function cleanup() {
  while (cleanups.length) {
    try {
      await cleanups.pop()!();
    } catch (err) {
      log('cleanup failed:', (err as Error).message);
    }
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on('error', reject);
  });
}

export function readBuildId(): string | null {
  try {
    return fs.readFileSync(path.join(ROOT, '.next', 'BUILD_ID'), 'utf8').trim();
  } catch {
    return null;
  }
}
