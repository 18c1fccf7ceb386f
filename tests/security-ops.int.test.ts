import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sign } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as webhookRoute from '@/app/api/webhooks/github/route';
import { openPglite } from '@/lib/db/driver';
import { LOCK_FILE } from '@/lib/db/folder-lock';
import { resetEnvForTests } from '@/lib/env';
import { startWorkers } from '@/lib/jobs/define-job';
import { stopQueue } from '@/lib/jobs/queue';
import { processDeliveryJob } from '@/lib/runtime/webhooks';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { startRouteServer } from '@/testing/route-server';
import { until } from '@/testing/github-environment';

// Operational robustness as an attacker or an unlucky operator meets it: a second process on an
// embedded database folder in use, and webhook deliveries that are malformed or whose queuing fails.

const config = useTestConfig('security-ops', 'catalog:\n  locations: []\n');

type Run = { code: number | null; output: string };

/** Runs a project script as its own process (as `npm run …` does) on the given data folder. */
function runScript(
  script: string,
  dataDir: string,
  env: Record<string, string> = {},
): { pid: number; done: Promise<Run>; output(): string } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', script], {
    cwd: process.cwd(),
    env: {
      ...process.env,
      DATABASE_URL: '',
      WAYFINDER_DATA_DIR: dataDir,
      WAYFINDER_CONFIG: path.join(config.dir, 'wayfinder.config.yaml'),
      NODE_ENV: 'test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const done = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, output })));
  return { pid: child.pid!, done, output: () => output };
}

describe('one process per embedded database folder', () => {
  let root: string;
  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'wayfinder-lock-int-'));
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  // The benchmark ingests through a server it starts (bench/server.ts), so the server's case is the bench's.
  it('refuses a second server, `db:migrate` and a worker on a folder in use, naming the folder and the PID', async () => {
    const folder = path.join(root, 'in-use');
    const holder = await openPglite(folder);
    try {
      const runs = await Promise.all(
        ['testing/boot-wayfinder.ts', 'scripts/migrate.ts'].map((script) => runScript(script, folder).done.then((r) => ({ script, ...r }))),
      );
      for (const run of runs) {
        expect(run.code, run.script).not.toBe(0);
        expect(run.output, run.script).toContain(
          `The database folder ${folder} is in use by another Wayfinder process (PID ${process.pid} on ${os.hostname()}`,
        );
      }
      // A worker process never opens the embedded database at all.
      const worker = await runScript('scripts/worker.ts', folder).done;
      expect(worker.code).toBe(2);
      expect(worker.output).toContain(
        `the embedded database (${folder}) runs its workers inside the app, and only one process may open it`,
      );
      // The refused processes changed nothing: the holder's lock is intact.
      expect(JSON.parse(fs.readFileSync(path.join(folder, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    } finally {
      await holder.close();
    }
    expect(fs.existsSync(path.join(folder, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('a server killed with kill -9 does not block the next start, and keeps what it wrote', async () => {
    const folder = path.join(root, 'crashed');
    const server = runScript('testing/boot-wayfinder.ts', folder);
    const exited = server.done.then(() => true);
    await until(async () => server.output().includes('wayfinder ready') || (await Promise.race([exited, false])), Boolean, 90_000);
    expect(server.output()).toContain('wayfinder ready');
    expect(JSON.parse(fs.readFileSync(path.join(folder, LOCK_FILE), 'utf8')).pid).toBe(server.pid);
    process.kill(server.pid, 'SIGKILL');
    expect((await server.done).code).toBeNull();
    // The dead server's lock file is still there; the next process sees its PID is gone.
    expect(fs.existsSync(path.join(folder, LOCK_FILE))).toBe(true);
    const next = await runScript('scripts/migrate.ts', folder).done;
    expect(next).toEqual({ code: 0, output: `embedded PGlite at ${folder}: already up to date\n` });
  }, 120_000);
});

describe('webhook deliveries', () => {
  const t = useTestDb();
  const SECRET = 'security-ops-secret';
  let app: Awaited<ReturnType<typeof startRouteServer>>;

  beforeAll(async () => {
    app = await startRouteServer([[/^\/api\/webhooks\/github$/, [], webhookRoute]]);
    process.env.GITHUB_WEBHOOK_SECRET = SECRET;
    resetEnvForTests();
    await startWorkers([processDeliveryJob]);
  });
  afterAll(async () => {
    await stopQueue();
    await app.close();
    delete process.env.GITHUB_WEBHOOK_SECRET;
    resetEnvForTests();
  });

  const deliver = async (id: string, body: string, event = 'ping') =>
    fetch(`${app.url}/api/webhooks/github`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': event,
        'x-github-delivery': id,
        'x-hub-signature-256': await sign(SECRET, body),
      },
      body,
    });
  const jobsOf = async (id: string) =>
    Number(
      (
        await t.db.driver.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND data->>'deliveryId' = $2`, [
          processDeliveryJob.name,
          id,
        ])
      ).rows[0].n,
    );

  it('answers 400 to a signed body that is JSON but not an object, and records nothing', async () => {
    for (const [body, kind] of [
      ['[1,2,3]', 'an array'],
      ['"x"', 'a string'],
      ['null', 'null'],
      ['42', 'a number'],
    ]) {
      for (const event of ['ping', 'push', 'star']) {
        const id = crypto.randomUUID();
        const res = await deliver(id, body, event);
        expect(res.status, `${event} ${body}`).toBe(400);
        expect(await res.json()).toEqual({ error: `payload must be a JSON object (GitHub sends one per event), got ${kind}` });
        expect(await t.db.prisma.webhookDelivery.count({ where: { id } })).toBe(0);
      }
    }
  });

  it('records a signed payload that lacks a field we read as a failed delivery naming the field, queues nothing, and takes its redelivery for a duplicate', async () => {
    const id = crypto.randomUUID();
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      after: 'abc',
      deleted: false,
      commits: [],
      head_commit: null,
      repository: { name: 'orders', owner: { login: 'acme' }, default_branch: 'main' },
    });
    const res = await deliver(id, body, 'push');
    expect(res.status).toBe(400);
    const message = 'push payload: repository.html_url: expected string, received undefined';
    expect(await res.json()).toEqual({ error: `${message}; the delivery is recorded as failed` });
    expect(await t.db.prisma.webhookDelivery.findUnique({ where: { id } })).toMatchObject({
      event: 'push',
      status: 'failed',
      error: message,
      processedAt: expect.any(Date),
    });
    expect(await jobsOf(id)).toBe(0);
    expect(await (await deliver(id, body, 'push')).json()).toEqual({ outcome: 'duplicate' });
  });

  it('records a delivery and queues its job together: when queuing fails nothing is kept, and the redelivery runs exactly once', async () => {
    const id = crypto.randomUUID();
    const body = JSON.stringify({ zen: 'Design for failure.', hook_id: 7 });
    // The queue refuses this delivery's job, after its row was written in the same transaction
    // (what a crash, a full disk or a lost connection between the two would do).
    await t.db.driver.exec(`
      CREATE FUNCTION wayfinder_test_refuse_job() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.data->>'deliveryId' = '${id}' THEN RAISE EXCEPTION 'queue unavailable'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_job BEFORE INSERT ON pgboss.job FOR EACH ROW EXECUTE FUNCTION wayfinder_test_refuse_job();`);
    const runs: string[] = [];
    const original = processDeliveryJob.run;
    processDeliveryJob.run = async (data) => {
      runs.push(data.deliveryId);
      await original(data);
    };
    try {
      const failed = await deliver(id, body);
      expect(failed.status).toBe(500);
      // Not recorded: GitHub shows the delivery as failed, and its redelivery is not a "duplicate".
      expect(await t.db.prisma.webhookDelivery.count({ where: { id } })).toBe(0);
      expect(await jobsOf(id)).toBe(0);

      await t.db.driver.exec('DROP TRIGGER refuse_job ON pgboss.job; DROP FUNCTION wayfinder_test_refuse_job();');
      const redelivered = await deliver(id, body);
      expect(redelivered.status).toBe(202);
      expect(await redelivered.json()).toEqual({ outcome: 'queued' });
      const row = await until(
        () => t.db.prisma.webhookDelivery.findUnique({ where: { id } }),
        (d) => d?.status === 'processed',
      );
      expect(row?.status).toBe('processed');
      expect(await (await deliver(id, body)).json()).toEqual({ outcome: 'duplicate' });
      await new Promise((r) => setTimeout(r, 1500)); // a second job, had there been one, would have run by now
      expect(runs.filter((r) => r === id)).toEqual([id]);
      expect(await jobsOf(id)).toBe(1);
    } finally {
      processDeliveryJob.run = original;
      await t.db.driver.exec('DROP TRIGGER IF EXISTS refuse_job ON pgboss.job; DROP FUNCTION IF EXISTS wayfinder_test_refuse_job();');
    }
  }, 60_000);
});
