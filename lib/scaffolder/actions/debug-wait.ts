import 'server-only';
import { z } from 'zod';
import { ActionError, defineAction } from './types';

// Backstage's debug:wait: waits, for testing cancellation and the live log. At most 10 minutes.

const MAX_MS = 10 * 60_000;

export const debugWaitAction = defineAction({
  id: 'debug:wait',
  description: 'Waits for the given time (at most 10 minutes); cancelling the task ends the wait.',
  input: z.object({
    minutes: z.number().min(0).optional(),
    seconds: z.number().min(0).optional(),
    milliseconds: z.number().min(0).optional(),
  }),
  async handler(ctx) {
    const ms = (ctx.input.minutes ?? 0) * 60_000 + (ctx.input.seconds ?? 0) * 1_000 + (ctx.input.milliseconds ?? 0);
    if (ms > MAX_MS) throw new ActionError(`debug:wait waits at most 10 minutes; ${Math.round(ms / 1000)} s was asked`);
    ctx.logger.info(`Waiting ${ms} ms`);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, ms);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(new ActionError('cancelled while waiting'));
      });
    });
  },
});
