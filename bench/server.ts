import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cleanups, freePort, log, ROOT, round, SERVER_NODE_OPTIONS, sleep } from './options';

// The server under test: the production build, started as `npm start` starts it, in its own
// process group (so its peak RSS is read from /proc and stopping it frees the port).

const START_SCRIPT = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts.start as string).split(' ');
/** The node options of package.json's start script (the heap limit). */
const START_NODE_OPTIONS = START_SCRIPT.filter((a) => a.startsWith('--'));
/** The environment it sets (malloc's mmap threshold). */
const START_ENV = Object.fromEntries(START_SCRIPT.flatMap((a) => (/^[A-Z_][A-Z0-9_]*=/.test(a) ? [a.split('=', 2)] : [])));

export function ensureBuild(): { ok: true } | { ok: false; reason: string } {
  if (['.next/BUILD_ID', '.next/wayfinder/server.mjs'].every((f) => fs.existsSync(path.join(ROOT, f)))) return { ok: true };
  log('no production build: running `npm run build`');
  const r = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    stdio: ['ignore', process.stderr, process.stderr],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return r.status === 0 ? { ok: true } : { ok: false, reason: `npm run build failed (exit ${r.status})` };
}

export type Server = {
  port: number;
  base: string;
  logLines: () => Record<string, unknown>[];
  peakRssMb(): {
    serverPid: number | null;
    vmHwmMb: number | null;
    vmRssMb: number | null;
    processes: { pid: number; cmd: string; vmHwmMb: number }[];
  };
  stop(): Promise<void>;
  /** Exit code once the server has exited, else null. */
  readonly exited: number | null;
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

export async function startServer(env: Record<string, string>, logFile: string, fixedPort?: number): Promise<Server> {
  const port = fixedPort ?? (await freePort());
  const fd = fs.openSync(logFile, 'a');
  // As `npm start` runs it: one node process, the compiled server, the heap limit of package.json.
  const child: ChildProcess = spawn(
    process.execPath,
    [...START_NODE_OPTIONS, ...(SERVER_NODE_OPTIONS?.split(' ') ?? []), 'scripts/start.mjs'],
    {
      cwd: ROOT,
      detached: true,
      stdio: ['ignore', fd, fd],
      env: {
        ...process.env,
        ...START_ENV,
        ...env,
        NODE_ENV: 'production',
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
    },
  );
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
      const server = procs.filter((p) => p.cmd.includes('scripts/start.mjs')).sort((a, b) => b.hwmKb - a.hwmKb)[0];
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
  };
}

export async function waitFor(desc: string, timeoutMs: number, fn: () => Promise<boolean> | boolean): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await fn()) return performance.now() - started;
    if (performance.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${desc}`);
    await sleep(100);
  }
}
