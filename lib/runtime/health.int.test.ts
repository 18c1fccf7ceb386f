import { afterAll, describe, expect, it } from 'vitest';
import { getQueue, stopQueue } from '@/lib/jobs/queue';
import { useTestDb } from '@/testing/test-db';
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

  it('reports a catalog still filling in as healthy, with how many locations are read', async () => {
    await getQueue();
    const first = await t.db.prisma.location.create({
      data: { type: 'file', target: '/tmp/a.yaml', origin: 'config', lastIngestedAt: new Date() },
    });
    await t.db.prisma.location.create({ data: { type: 'file', target: '/tmp/b.yaml', origin: 'config' } });
    expect(await getHealth()).toMatchObject({ ok: true, checks: { catalog: { ok: true, detail: 'loading: 1 of 2 locations' } } });
    await t.db.prisma.location.updateMany({ data: { lastIngestedAt: new Date() } });
    expect((await getHealth()).checks.catalog.detail).toBe('loaded');
    await t.db.prisma.location.deleteMany({ where: { id: { not: first.id } } });
  });

  it('reports pending migrations', async () => {
    await t.db.driver.query(`DELETE FROM "_prisma_migrations"`);
    const health = await getHealth();
    expect(health.ok).toBe(false);
    expect(health.checks.migrations.detail).toMatch(/^pending: \d{14}_catalog/);
  });
});
