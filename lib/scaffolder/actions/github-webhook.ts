import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, tokenInput } from '../github';
import { defineAction } from './types';

// Backstage's github:webhook: adds a repository webhook (kept once: a retry finds it).

export const githubWebhookAction = defineAction({
  id: 'github:webhook',
  description: 'Creates a webhook on a GitHub repository.',
  input: z.object({
    repoUrl: z.string().min(1),
    webhookUrl: z.string().url().describe('Where GitHub sends the events'),
    webhookSecret: z.string().optional().describe('Signing secret (pass a Secret field)'),
    events: z.array(z.string()).default(['push']),
    active: z.boolean().default(true),
    contentType: z.enum(['form', 'json']).default('form'),
    insecureSsl: z.boolean().default(false),
    token: tokenInput,
  }),
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would add a webhook to ${t.owner}/${t.repo} for ${i.events.join(', ')}`);
    const existing = await t.client.rest.repos
      .listWebhooks({ owner: t.owner, repo: t.repo })
      .catch((err: unknown) => Promise.reject(explainRepoError(err, t, 'list the webhooks of')));
    if (existing.data.some((h) => h.config.url === i.webhookUrl)) {
      ctx.logger.info(`${t.owner}/${t.repo} already sends to ${i.webhookUrl}`);
      return;
    }
    await t.client.rest.repos
      .createWebhook({
        owner: t.owner,
        repo: t.repo,
        events: i.events,
        active: i.active,
        config: { url: i.webhookUrl, content_type: i.contentType, insecure_ssl: i.insecureSsl ? '1' : '0', secret: i.webhookSecret },
      })
      .catch((err: unknown) => Promise.reject(explainRepoError(err, t, 'add a webhook to')));
    ctx.logger.info(`Added a webhook to ${t.owner}/${t.repo} for ${i.events.join(', ')}`);
  },
});
