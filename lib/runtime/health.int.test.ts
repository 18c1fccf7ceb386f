import { afterAll, describe, expect, it } from 'vitest';
import { getQueue, stopQueue } from '@/lib/jobs/queue';
import { useTestDb } from '@/lib/testing/test-db';
import { getHealth } from './health';

const t = useTestDb();

afterAll(() => stopQueue());

describe('getHealth', () => {
  it('names the job queue as the failed part until the queue runs, then is green', async () => {
    const before = await getHealth();
    expect(before.ok).toBe(false);
    expect(before.checks.database.ok).toBe(true);
    expect(before.checks.migrations).toEqual({ ok: true, detail: 'up to date' });
    expect(before.checks.jobQueue).toMatchObject({ ok: false, detail: expect.stringContaining('not started') });

    await getQueue();
    const after = await getHealth();
    expect(after).toMatchObject({ ok: true, checks: { jobQueue: { ok: true, detail: 'running' } } });
  });

  it('reports pending migrations', async () => {
    await t.db.driver.query(`DELETE FROM "_prisma_migrations"`);
    const health = await getHealth();
    expect(health.ok).toBe(false);
    expect(health.checks.migrations.detail).toMatch(/^pending: \d{14}_catalog/);
  });
});
