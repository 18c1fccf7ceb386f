import 'server-only';
import { z } from 'zod';
import { explainRepoError, repoTarget, secretSealer, tokenInput } from '../github';
import { defineAction } from './types';

// Backstage's github:deployKey:create: adds a deploy key (its public half) to the repository and keeps
// the private half as an Actions secret, sealed with the repository's key.

export const githubDeployKeyAction = defineAction({
  id: 'github:deployKey:create',
  description: 'Adds a deploy key to a GitHub repository and stores its private key as an Actions secret.',
  input: z.object({
    repoUrl: z.string().min(1),
    publicKey: z.string().min(1).describe('The public key (ssh-ed25519 …, ssh-rsa …)'),
    privateKey: z.string().min(1).describe('The private key (pass a Secret field)'),
    deployKeyName: z.string().min(1).describe("The deploy key's title"),
    privateKeySecretName: z.string().optional().describe('The secret holding the private key (default: <DEPLOY_KEY_NAME>_PRIVATE_KEY)'),
    token: tokenInput,
  }),
  output: z.object({ privateKeySecretName: z.string() }),
  async handler(ctx) {
    const i = ctx.input;
    const secretName = i.privateKeySecretName ?? `${i.deployKeyName.split(' ').join('_').toLocaleUpperCase('en-US')}_PRIVATE_KEY`;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const full = `${t.owner}/${t.repo}`;
    if (ctx.isDryRun)
      ctx.logger.info(`Dry run: would add the deploy key ${i.deployKeyName} to ${full} and keep its private key as ${secretName}`);
    else {
      const at = { owner: t.owner, repo: t.repo };
      await ctx.checkpoint('key', () =>
        t.client.rest.repos.createDeployKey({ ...at, title: i.deployKeyName, key: i.publicKey }).then(
          () => undefined,
          (err: unknown) => Promise.reject(explainRepoError(err, t, `add the deploy key ${i.deployKeyName} to`)),
        ),
      );
      try {
        const { data: key } = await t.client.rest.actions.getRepoPublicKey(at);
        const seal = await secretSealer(key.key);
        await t.client.rest.actions.createOrUpdateRepoSecret({
          ...at,
          secret_name: secretName,
          encrypted_value: seal(i.privateKey),
          key_id: key.key_id,
        });
      } catch (err) {
        throw explainRepoError(err, t, `keep the private key as the secret ${secretName} of`);
      }
      ctx.logger.info(`Added the deploy key ${i.deployKeyName} to ${full}; its private key is the Actions secret ${secretName}`);
    }
    ctx.output('privateKeySecretName', secretName);
  },
});
