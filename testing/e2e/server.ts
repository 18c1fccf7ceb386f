import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// The production server the e2e suite drives: built once, started as `npm start` does (one node
// process running the compiled server, NODE_ENV=production) on a free port and a fresh embedded
// database folder, in its own process group so that stopping it frees the port.
// Its state lives in a small JSON file (path in WAYFINDER_E2E_STATE) so that a test worker can
// restart it and global teardown still stops the right process.

export type ServerState = { pid: number; port: number; url: string; dataDir: string; logFile: string; root: string };

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const STATE_ENV = 'WAYFINDER_E2E_STATE';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Runs `npm run build` when there is no production build, or always with E2E_BUILD=1. */
export function ensureBuild(): void {
  const force = process.env.E2E_BUILD === '1';
  const built = ['.next/BUILD_ID', '.next/wayfinder/server.mjs'].every((f) => fs.existsSync(path.join(ROOT, f)));
  if (!force && built) return;
  console.log(`[e2e] ${force ? 'E2E_BUILD=1' : 'no production build'}: running npm run build…`);
  const r = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal}); see its output above`);
}

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no server log)';
  }
}

/** `pid` alive; a negative pid: any process of that group alive. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitHealthy(state: ServerState, untilLoaded = true, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!alive(state.pid))
      throw new Error(`the Wayfinder server exited during start-up. Server log (${state.logFile}):\n${tail(state.logFile)}`);
    try {
      const res = await fetch(`${state.url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      // The server answers at once; the specs start when the example catalog has filled in.
      if (
        res.status === 200 &&
        (!untilLoaded || (JSON.parse(body) as { checks: { catalog: { detail: string } } }).checks.catalog.detail === 'loaded')
      )
        return;
      last = `${res.status} ${body}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the Wayfinder server was not healthy after ${timeoutMs / 1000}s (last: ${last}). Server log:\n${tail(state.logFile)}`);
}

function spawnServer(port: number, dataDir: string, logFile: string, extraEnv: Record<string, string> = {}): number {
  const log = fs.openSync(logFile, 'a');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...extraEnv,
    NODE_ENV: 'production',
    PORT: String(port),
    HOSTNAME: '127.0.0.1',
    WAYFINDER_DATA_DIR: dataDir,
    // GitHub sign-in redirects back here (next-auth reads NEXTAUTH_URL).
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  };
  // The e2e suite runs on the embedded database; the PostgreSQL path is the integration suite's.
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['--max-old-space-size=384', 'scripts/start.mjs'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', log, log],
  });
  child.unref();
  fs.closeSync(log);
  if (!child.pid) throw new Error('could not spawn the Wayfinder server');
  return child.pid;
}

/**
 * Starts a server on a fresh data folder (or `dataDir`) and waits until /api/health is 200 with
 * the catalog loaded (or, with `untilLoaded: false`, until it answers at all).
 */
export async function startServer(
  options: { dataDir?: string; port?: number; env?: Record<string, string>; untilLoaded?: boolean } = {},
): Promise<ServerState> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-e2e-'));
  const dataDir = options.dataDir ?? path.join(root, 'data');
  const port = options.port ?? (await freePort());
  const logFile = path.join(root, 'server.log');
  const state: ServerState = {
    pid: spawnServer(port, dataDir, logFile, options.env),
    port,
    url: `http://127.0.0.1:${port}`,
    dataDir,
    logFile,
    root,
  };
  try {
    await waitHealthy(state, options.untilLoaded ?? true);
  } catch (err) {
    await stopServer(state);
    throw err;
  }
  return state;
}

/** Stops the server's whole process group (SIGTERM, then SIGKILL) and waits until it is gone. */
export async function stopServer(state: Pick<ServerState, 'pid'>): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-state.pid, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + 10_000;
  while (alive(-state.pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  signal('SIGKILL');
  // The server (a grandchild under npx and tsx) holds the data folder's lock until it is really
  // gone: wait for the whole group, or a restart would be refused as a second process.
  const hard = Date.now() + 5_000;
  while (alive(-state.pid) && Date.now() < hard) await new Promise((r) => setTimeout(r, 50));
}

export function writeState(file: string, state: ServerState): void {
  fs.writeFileSync(file, JSON.stringify(state));
}

/** The running e2e server (from a test worker or global teardown). */
export function currentServer(): ServerState {
  const file = process.env[STATE_ENV];
  if (!file || !fs.existsSync(file)) throw new Error(`no e2e server state (${STATE_ENV} unset): run through playwright.config.ts`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ServerState;
}

/**
 * Stops the e2e server and starts it again on the same port and data folder, as an operator
 * restarting the service would. Resolves once the new server is healthy.
 */
export async function restartServer(): Promise<ServerState> {
  const file = process.env[STATE_ENV]!;
  const before = currentServer();
  await stopServer(before);
  const pid = spawnServer(before.port, before.dataDir, before.logFile);
  const after: ServerState = { ...before, pid };
  writeState(file, after);
  await waitHealthy(after);
  return after;
}

export { STATE_ENV };
