import 'server-only';
import { z } from 'zod';
import { getEntitiesByRefs } from '@/lib/catalog';
import { parseEntityRef, stringifyEntityRef, type Entity } from '@/lib/catalog/model';
import { explainRepoError, repoTarget, secretSealer, tokenInput, type RepoTarget } from '../github';
import { actionsValue } from './publish-github';
import { ActionError, defineAction } from './types';

// Backstage's github:environment:create: a deployment environment with its branch and tag policies,
// required reviewers (catalog Users and Groups), variables and secrets. Each part is a checkpoint.

const input = z.object({
  repoUrl: z.string().min(1),
  name: z.string().min(1).describe('Name of the environment'),
  deploymentBranchPolicy: z
    .object({ protected_branches: z.boolean(), custom_branch_policies: z.boolean() })
    .nullish()
    .describe('Which branches may deploy: protected ones, or those the custom policies name (absent: all)'),
  customBranchPolicyNames: z.array(z.string()).optional().describe('Branch name patterns that may deploy'),
  customTagPolicyNames: z.array(z.string()).optional().describe('Tag name patterns that may deploy'),
  environmentVariables: z.record(z.string(), actionsValue).optional(),
  secrets: z.record(z.string(), actionsValue).optional().describe("Sealed with the environment's public key"),
  waitTimer: z.number().int().min(0).optional().describe("GitHub's wait timer before a deployment proceeds"),
  preventSelfReview: z.boolean().optional(),
  reviewers: z.array(z.string()).optional().describe('Catalog Users and Groups whose approval a deployment needs'),
  token: tokenInput,
});

type Reviewer = { type: 'User' | 'Team'; id: number };

export const githubEnvironmentAction = defineAction({
  id: 'github:environment:create',
  description: 'Creates a deployment environment of a GitHub repository, with its policies, reviewers, variables and secrets.',
  input,
  async handler(ctx) {
    const i = ctx.input;
    const t = await repoTarget(ctx, i.repoUrl, i.token);
    const full = `${t.owner}/${t.repo}`;
    if (ctx.isDryRun) return ctx.logger.info(`Dry run: would create the environment ${i.name} of ${full}`);
    const at = { owner: t.owner, repo: t.repo, environment_name: i.name };
    const call = async <T>(doing: string, fn: () => Promise<T>): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        throw explainRepoError(err, t, doing);
      }
    };
    const reviewers = await ctx.checkpoint('reviewers', () => githubReviewers(ctx.logger, t, i.reviewers ?? []));
    await ctx.checkpoint('environment', () =>
      call(`create the environment ${i.name} of`, () =>
        t.client.rest.repos.createOrUpdateEnvironment({
          ...at,
          deployment_branch_policy: i.deploymentBranchPolicy ?? undefined,
          wait_timer: i.waitTimer,
          prevent_self_review: i.preventSelfReview,
          reviewers: reviewers.length ? reviewers : undefined,
        }),
      ).then(() => undefined),
    );
    ctx.logger.info(`Created the environment ${i.name} of ${full}`);
    const policies = [
      ...(i.customBranchPolicyNames ?? []).map((name) => ({ name, type: 'branch' as const })),
      ...(i.customTagPolicyNames ?? []).map((name) => ({ name, type: 'tag' as const })),
    ];
    // GitHub answers 303 See Other for a policy the environment has already. A checkpoint keeps no
    // response (JSON in the task step's state): only what a retry needs.
    for (const p of policies)
      await ctx.checkpoint(`policy:${p.type}:${p.name}`, () =>
        call(`add the ${p.type} policy ${p.name} to the environment ${i.name} of`, () =>
          t.client.rest.repos
            .createDeploymentBranchPolicy({ ...at, ...p })
            .then(() => undefined)
            .catch((err: { status?: number }) => (err.status === 303 ? undefined : Promise.reject(err))),
        ),
      );
    for (const [name, value] of Object.entries(i.environmentVariables ?? {}))
      await ctx.checkpoint(`variable:${name}`, () =>
        call(`set the variable ${name} of the environment ${i.name} of`, () =>
          t.client.rest.actions.createEnvironmentVariable({ ...at, name, value }).catch((err: { status?: number }) => {
            if (err.status === 409) return t.client.rest.actions.updateEnvironmentVariable({ ...at, name, value });
            throw err;
          }),
        ).then(() => undefined),
      );
    const secrets = Object.entries(i.secrets ?? {});
    if (secrets.length) {
      const { data: key } = await call(`read the public key of the environment ${i.name} of`, () =>
        t.client.rest.actions.getEnvironmentPublicKey(at),
      );
      const seal = await secretSealer(key.key);
      for (const [name, value] of secrets)
        await call(`set the secret ${name} of the environment ${i.name} of`, () =>
          t.client.rest.actions.createOrUpdateEnvironmentSecret({
            ...at,
            secret_name: name,
            encrypted_value: seal(value),
            key_id: key.key_id,
          }),
        );
    }
    if (policies.length || secrets.length || i.environmentVariables)
      ctx.logger.info(
        `Gave the environment ${i.name} ${[
          policies.length && `${policies.length} deployment policies`,
          i.environmentVariables && `the variables ${Object.keys(i.environmentVariables).join(', ')}`,
          secrets.length && `the secrets ${secrets.map(([n]) => n).join(', ')}`,
        ]
          .filter(Boolean)
          .join(', ')}`,
      );
  },
});

/**
 * The reviewers' GitHub ids, as Backstage finds them: each reference a catalog User (its login: the
 * github.com/user-login annotation, else its name) or Group (its team: github.com/team-slug, else its
 * name). One that is not in the catalog or not on GitHub is logged and left out.
 */
async function githubReviewers(logger: { warn(m: string): void }, t: RepoTarget, refs: string[]): Promise<Reviewer[]> {
  if (!refs.length) return [];
  let canonical: string[];
  try {
    canonical = refs.map((r) => stringifyEntityRef(parseEntityRef(r)));
  } catch (err) {
    throw new ActionError(`reviewers: ${(err as Error).message}`);
  }
  const entities = await getEntitiesByRefs(canonical);
  const out: Reviewer[] = [];
  for (const [n, ref] of canonical.entries()) {
    const e = entities[n] as Entity | null;
    const annotation = (key: string) => e?.metadata.annotations?.[key];
    try {
      if (e?.kind === 'User') {
        const login = annotation('github.com/user-login') ?? e.metadata.name;
        out.push({ type: 'User', id: (await t.client.rest.users.getByUsername({ username: login })).data.id });
      } else if (e?.kind === 'Group') {
        const slug = (annotation('github.com/team-slug') ?? e.metadata.name).replace(/^.*\//, '');
        out.push({ type: 'Team', id: (await t.client.rest.teams.getByName({ org: t.owner, team_slug: slug })).data.id });
      } else logger.warn(`Skipping reviewer ${ref}: ${e ? 'only Users and Groups review deployments' : 'it is not in the catalog'}`);
    } catch (err) {
      logger.warn(`Skipping reviewer ${ref}: ${explainRepoError(err, t, `find ${ref} for`).message}`);
    }
  }
  return out;
}
