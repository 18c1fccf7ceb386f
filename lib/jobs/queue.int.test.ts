import type PgBoss from 'pg-boss';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineJob, enqueue, prepareTransactionalEnqueue, startWorkers } from '@/lib/jobs/define-job';
import { getDb } from '@/lib/db/client';
import { getQueue, JOBS_CHANNEL, listenForJobs, stopQueue, workersByQueue } from '@/lib/jobs/queue';
import { openSecondInstance } from '@/testing/second-instance';
import { usingPostgres, useTestDb } from '@/testing/test-db';

// Background work (ingestion, org sync, scaffolder tasks) must survive a restart and, with several
// instances on one PostgreSQL, run once: these are the queue properties the design relies on.

// A folder-backed PGlite (or a PostgreSQL database) so that restart() reopens the same data.
const t = useTestDb({ storage: 'folder' });
afterAll(() => stopQueue());

/** Resolves when `predicate` holds, polling; fails with `what` after the timeout. */
async function waitFor(what: string, predicate: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('job queue', () => {
  it('runs an enqueued job on a worker with its data', async () => {
    const seen: string[] = [];
    const job = defineJob({
      name: 'test.record-greeting',
      schema: z.object({ greeting: z.string() }),
      run: async (d) => void seen.push(d.greeting),
    });
    await startWorkers([job]);
    const id = await enqueue(job, { greeting: 'hello' });
    expect(id).toEqual(expect.any(String));
    await waitFor('the job to run', () => seen.length === 1);
    expect(seen).toEqual(['hello']);
    const boss = await getQueue();
    await waitFor('the job to be completed', async () => (await boss.getJobById(job.name, id!))?.state === 'completed');
  });

  it('logs a job whose stored data does not fit its schema (queued by an older version), with the job id', async () => {
    const { Writable } = await import('node:stream');
    const { createLogger, getLogger } = await import('@/lib/observability/logger');
    const lines: string[] = [];
    const key = Symbol.for('wayfinder.logger');
    const store = globalThis as unknown as Record<symbol, unknown>;
    const previous = getLogger();
    store[key] = createLogger('info', new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    try {
      const job = defineJob({ name: 'test.old-shape', schema: z.object({ n: z.number() }), run: async () => undefined });
      await startWorkers([job]);
      const boss = await getQueue();
      const id = await boss.send(job.name, { count: 'three' }, { retryLimit: 0 });
      await waitFor('the job to fail', async () => (await boss.getJobById(job.name, id!))?.state === 'failed');
      const failed = lines.map((l) => JSON.parse(l)).find((l) => l.msg === 'job failed');
      expect(failed).toMatchObject({ job: 'test.old-shape', jobId: id, err: { type: 'ZodError' } });
    } finally {
      store[key] = previous;
    }
  });

  it('keeps a job queued across a restart and runs it after', async () => {
    const seen: number[] = [];
    const job = defineJob({ name: 'test.survive-restart', schema: z.object({ n: z.number() }), run: async (d) => void seen.push(d.n) });
    // Queued while no worker polls this queue, then the process "stops".
    const id = await enqueue(job, { n: 42 });
    await stopQueue();
    await t.db.restart();

    // The new "process" opens the same data folder / database and starts its workers.
    const boss = await getQueue();
    expect((await boss.getJobById(job.name, id!))?.state).toBe('created');
    await startWorkers([job]);
    await waitFor('the job queued before the restart to run', () => seen.length === 1);
    expect(seen).toEqual([42]);
  });

  // Two app instances (separate processes, so separate pools and pg-boss instances) on one
  // PostgreSQL: SKIP LOCKED must hand each job to exactly one of them. PGlite has one process per
  // folder, so this exists only in the PostgreSQL run (registered there, never skipped).
  if (usingPostgres()) {
    it('gives each of 50 jobs to exactly one of two instances sharing the database', async () => {
      const name = 'test.exactly-once';
      const first = { boss: await getQueue() };
      const second = await openSecondInstance(t.db);
      try {
        const runs = new Map<number, string[]>();
        const worker =
          (instance: string) =>
          async ([item]: PgBoss.Job<{ n: number }>[]) => {
            runs.set(item.data.n, [...(runs.get(item.data.n) ?? []), instance]);
            await new Promise((r) => setTimeout(r, 10));
          };
        await first.boss.createQueue(name);
        for (const [label, boss] of [
          ['a', first.boss],
          ['b', second.boss],
        ] as const) {
          for (let i = 0; i < 3; i++) await boss.work(name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, worker(label));
        }
        const ids = await Promise.all(Array.from({ length: 50 }, (_, n) => (n % 2 ? first.boss : second.boss).send(name, { n })));
        expect(new Set(ids).size).toBe(50);

        await waitFor('all 50 jobs to run', () => runs.size === 50, 30_000);
        // Let any duplicate delivery show up before counting.
        await new Promise((r) => setTimeout(r, 1500));
        const twice = [...runs].filter(([, by]) => by.length !== 1);
        expect(twice, 'jobs run more than once').toEqual([]);
        const by = [...runs.values()].flat();
        expect(by.length).toBe(50);
        // Both instances took part (each polls the same queue).
        expect(new Set(by)).toEqual(new Set(['a', 'b']));
      } finally {
        await second.stop();
      }
    });

    // A separate `npm run worker` (or another replica) must not wait for its poll: a queued job is
    // announced on PostgreSQL's NOTIFY channel, delivered when the queuing transaction commits.
    it('announces a queued job on commit, and another instance runs it long before its next poll', async () => {
      const { driver } = await getDb();
      if (driver.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const heard: string[] = [];
      const listener = listenForJobs(driver.pool, (queue) => heard.push(queue));
      const second = await openSecondInstance(t.db);
      try {
        await waitFor('the listener to listen', async () => {
          await driver.query('SELECT pg_notify($1, $2)', [JOBS_CHANNEL, 'probe']);
          return heard.includes('probe');
        });
        const job = defineJob({ name: 'test.announced', schema: z.object({ n: z.number() }), run: async () => undefined });
        const send = await prepareTransactionalEnqueue(job);
        await driver.transaction(async (query) => {
          await send({ n: 1 }, query);
          await new Promise((r) => setTimeout(r, 300));
          expect(heard, 'announced before the commit').not.toContain(job.name);
        });
        await waitFor('the announcement after the commit', () => heard.includes(job.name), 5_000);

        // The other instance's worker polls every 60 s; its first fetch (at start) found nothing.
        const ran: number[] = [];
        const name = 'test.woken-elsewhere';
        await second.boss.createQueue(name);
        const id = await second.boss.work<{ n: number }>(name, { batchSize: 1, pollingIntervalSeconds: 60 }, async ([item]) => {
          ran.push(item.data.n);
        });
        workersByQueue.set(name, [id]);
        await new Promise((r) => setTimeout(r, 500));
        const started = Date.now();
        await enqueue(defineJob({ name, schema: z.object({ n: z.number() }), run: async () => undefined }), { n: 7 });
        await waitFor('the other instance to run the job', () => ran.length === 1, 10_000);
        expect(ran).toEqual([7]);
        expect(Date.now() - started).toBeLessThan(5_000);
      } finally {
        workersByQueue.delete('test.woken-elsewhere');
        await listener.stop();
        await second.stop();
      }
    });
  }
});
