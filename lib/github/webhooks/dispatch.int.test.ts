import { describe, expect, it } from 'vitest';
import { useTestDb } from '@/testing/test-db';
import { dispatchDelivery, type SubscriberTable } from './dispatch';
import type { WebhookDelivery } from './events';

// A delivery reaches every domain subscribed to its event: one domain failing (GitHub down for the
// docs, a bug in a new reaction) must not cost the catalog its update, and the failure must be
// visible on the delivery (settings → GitHub lists failed deliveries with their error).

const t = useTestDb();

const organization = (deliveryId: string): WebhookDelivery => ({
  deliveryId,
  event: 'organization',
  payload: { organization: { login: 'acme' }, sender: { html_url: 'https://github.com/octocat' } },
});

async function recorded(deliveryId: string) {
  await t.db.prisma.webhookDelivery.create({ data: { id: deliveryId, event: 'organization', status: 'queued' } });
  return () => t.db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: deliveryId } });
}

describe('dispatchDelivery', () => {
  it('runs each subscriber in order with the payload and delivery id, and marks the delivery processed', async () => {
    const read = await recorded('d-ok');
    const seen: string[] = [];
    const table: SubscriberTable = {
      organization: [
        {
          domain: 'catalog',
          subscriptions: { organization: async (p, ctx) => void seen.push(`catalog ${p.organization.login} ${ctx.deliveryId}`) },
        },
        {
          domain: 'insights',
          subscriptions: { organization: async (p, ctx) => void seen.push(`insights ${p.organization.login} ${ctx.deliveryId}`) },
        },
      ],
    };
    await dispatchDelivery(table, organization('d-ok'));
    expect(seen).toEqual(['catalog acme d-ok', 'insights acme d-ok']);
    expect(await read()).toMatchObject({ status: 'processed', error: null, processedAt: expect.any(Date) });
  });

  it('runs the other subscribers when one fails, records the failure by domain, and throws so the queue retries', async () => {
    const read = await recorded('d-fail');
    const seen: string[] = [];
    const table: SubscriberTable = {
      organization: [
        { domain: 'docs', subscriptions: { organization: async () => Promise.reject(new Error('GitHub answered 502')) } },
        { domain: 'catalog', subscriptions: { organization: async () => void seen.push('catalog') } },
        { domain: 'scorecards', subscriptions: { organization: async () => Promise.reject(new Error('no such check')) } },
      ],
    };
    await expect(dispatchDelivery(table, organization('d-fail'))).rejects.toThrow('2 subscriber(s) failed');
    expect(seen).toEqual(['catalog']);
    expect(await read()).toMatchObject({ status: 'failed', error: 'docs: GitHub answered 502\nscorecards: no such check' });
  });

  it('marks a delivery processed again when its retry succeeds', async () => {
    const read = await recorded('d-retry');
    let attempts = 0;
    const flaky: SubscriberTable = {
      organization: [
        {
          domain: 'catalog',
          subscriptions: {
            organization: async () => {
              if (attempts++ === 0) throw new Error('flaky');
            },
          },
        },
      ],
    };
    await expect(dispatchDelivery(flaky, organization('d-retry'))).rejects.toThrow('flaky');
    expect((await read()).status).toBe('failed');
    await dispatchDelivery(flaky, organization('d-retry'));
    expect(await read()).toMatchObject({ status: 'processed', error: null });
  });

  it('processes an event nobody subscribed to', async () => {
    const read = await recorded('d-none');
    await dispatchDelivery({}, organization('d-none'));
    expect((await read()).status).toBe('processed');
  });
});
