import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, KEEP, PG_BIN } from './options';

// PostgreSQL for the benchmark: DATABASE_URL, or a throwaway local PostgreSQL 15 cluster.

export type PgServer = { adminUrl: string; describe: string; stop(): Promise<void> };

export async function startPostgres(): Promise<PgServer | { skipped: string }> {
  if (process.env.DATABASE_URL) {
    return { adminUrl: process.env.DATABASE_URL, describe: 'DATABASE_URL', stop: async () => undefined };
  }
  if (!fs.existsSync(path.join(PG_BIN, 'initdb'))) return { skipped: `no DATABASE_URL and no PostgreSQL 15 at ${PG_BIN}` };
  if (process.getuid?.() !== 0) return { skipped: 'no DATABASE_URL, and starting a throwaway cluster needs root (runuser -u postgres)' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-bench-pg-'));
  fs.chownSync(dir, uidOf('postgres'), gidOf('postgres'));
  const data = path.join(dir, 'data');
  const init = spawnSync(
    'runuser',
    ['-u', 'postgres', '--', `${PG_BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'],
    { encoding: 'utf8' },
  );
  if (init.status !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return { skipped: `initdb failed: ${(init.stderr || init.stdout).trim().slice(0, 300)}` };
  }
  const port = await freePort();
  const logFile = path.join(dir, 'postgres.log');
  const start = spawnSync(
    'runuser',
    [
      '-u',
      'postgres',
      '--',
      `${PG_BIN}/pg_ctl`,
      '-D',
      data,
      '-l',
      logFile,
      '-o',
      `-p ${port} -k /tmp -c listen_addresses=127.0.0.1`,
      '-w',
      'start',
    ],
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
  return {
    adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    describe: `throwaway PostgreSQL 15 cluster on port ${port}`,
    stop,
  };
}

function uidOf(user: string): number {
  return Number(spawnSync('id', ['-u', user], { encoding: 'utf8' }).stdout.trim());
}
function gidOf(user: string): number {
  return Number(spawnSync('id', ['-g', user], { encoding: 'utf8' }).stdout.trim());
}

export async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

export async function pgServerVersion(adminUrl: string): Promise<string> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query('SHOW server_version')).rows[0].server_version;
  } finally {
    await c.end();
  }
}
