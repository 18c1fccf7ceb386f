import 'server-only';
import { z } from 'zod';
import { getPrisma } from '@/lib/db/client';
import { defineJob } from '@/lib/jobs/define-job';
import { handleDelivery } from './handlers';

/** Does a delivery's work; failures are recorded on the delivery and retried by the queue. */
export const processDeliveryJob = defineJob({
  name: 'github.process-delivery',
  schema: z.object({ deliveryId: z.string(), event: z.string(), payload: z.record(z.string(), z.unknown()) }),
  concurrency: 2,
  run: async ({ deliveryId, event, payload }) => {
    const prisma = await getPrisma();
    try {
      await handleDelivery(event, payload, deliveryId);
      await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'processed', error: null, processedAt: new Date() } });
    } catch (err) {
      await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { status: 'failed', error: String((err as Error).message).slice(0, 2000), processedAt: new Date() } });
      throw err;
    }
  },
});
