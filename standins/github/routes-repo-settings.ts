import sodium from 'libsodium-wrappers';
import type { Req, Route, RouteCtx } from './http';
import { HttpError, unprocessable } from './http-error';
import type { Repo } from './model';
import { requireRepo } from './repo-ops';

// What publish:github sets on a new repository besides its files: GitHub Actions variables and
// secrets (sealed with the repository's public key, which only GitHub can open: here, the stand-in),
// the OIDC subject template, the caller's subscription, and required commit signatures.
// https://docs.github.com/rest/actions/variables, /rest/actions/secrets, /rest/actions/oidc,
// /rest/activity/watching, /rest/branches/branch-protection

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);

// GitHub's rule for secret names (and variables'): letters, digits and underscores, not starting
// with a digit nor with GITHUB_.
function checkName(name: unknown, what: 'Secret' | 'Variable'): string {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name))
    throw unprocessable(
      `${what} names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_). Must not start with GITHUB_.`,
    );
  return name.toUpperCase();
}

async function secretKey(ctx: RouteCtx, r: Repo) {
  await sodium.ready;
  if (!r.secretKey) {
    const pair = sodium.crypto_box_keypair();
    r.secretKey = { keyId: String(ctx.world.id()), publicKey: pair.publicKey, privateKey: pair.privateKey };
  }
  return r.secretKey;
}

export const repoSettingRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/variables',
    handler: (req, ctx) => {
      const variables = [...repoOf(req, ctx).variables].map(([name, v]) => ({
        name,
        value: v.value,
        created_at: v.createdAt,
        updated_at: v.updatedAt,
      }));
      return { body: { total_count: variables.length, variables } };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/actions/variables',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const name = checkName(req.body.name, 'Variable');
      if (typeof req.body.value !== 'string')
        throw unprocessable('Invalid request.', [{ resource: 'Variable', code: 'missing_field', field: 'value' }]);
      if (r.variables.has(name)) throw new HttpError(409, 'Already exists - Variable already exists');
      const now = ctx.world.iso();
      r.variables.set(name, { value: req.body.value, createdAt: now, updatedAt: now });
      return { status: 201, body: {} };
    },
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/actions/variables/:name',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const v = r.variables.get(req.params.name!.toUpperCase());
      if (!v) throw new HttpError(404, 'Not Found');
      if (typeof req.body.value === 'string') v.value = req.body.value;
      v.updatedAt = ctx.world.iso();
      return { status: 204 };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/secrets/public-key',
    handler: async (req, ctx) => {
      const key = await secretKey(ctx, repoOf(req, ctx));
      return { body: { key_id: key.keyId, key: sodium.to_base64(key.publicKey, sodium.base64_variants.ORIGINAL) } };
    },
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/secrets',
    handler: (req, ctx) => {
      const secrets = [...repoOf(req, ctx).secrets].map(([name, s]) => ({ name, created_at: s.createdAt, updated_at: s.updatedAt }));
      return { body: { total_count: secrets.length, secrets } };
    },
  },
  {
    // 201 for a new secret, 204 for one replaced. A value not sealed with the current key is refused.
    method: 'PUT',
    pattern: '/repos/:owner/:repo/actions/secrets/:name',
    handler: async (req, ctx) => {
      const r = repoOf(req, ctx);
      const name = checkName(req.params.name, 'Secret');
      const key = await secretKey(ctx, r);
      const { encrypted_value: sealed, key_id: keyId } = req.body as { encrypted_value?: unknown; key_id?: unknown };
      if (typeof sealed !== 'string' || keyId !== key.keyId) throw unprocessable('Bad request - key_id and encrypted_value are required');
      let value: string;
      try {
        value = sodium.to_string(
          sodium.crypto_box_seal_open(sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL), key.publicKey, key.privateKey),
        );
      } catch {
        throw unprocessable('Bad request - encrypted_value is not sealed with the public key of key_id');
      }
      const now = ctx.world.iso();
      const existing = r.secrets.get(name);
      r.secrets.set(name, { value, createdAt: existing?.createdAt ?? now, updatedAt: now });
      return existing ? { status: 204 } : { status: 201, body: {} };
    },
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/actions/oidc/customization/sub',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const b = req.body as { use_default?: unknown; include_claim_keys?: unknown };
      if (typeof b.use_default !== 'boolean')
        throw unprocessable('Invalid request.', [{ resource: 'OidcCustomSub', code: 'missing_field', field: 'use_default' }]);
      const keys = Array.isArray(b.include_claim_keys) ? b.include_claim_keys.map(String) : undefined;
      if (keys?.some((k) => !/^[A-Za-z0-9_]+$/.test(k)))
        throw unprocessable('Claim keys can only contain alphanumeric characters and underscores');
      r.oidcSubject = { use_default: b.use_default, ...(keys ? { include_claim_keys: keys } : {}) };
      return { status: 201, body: {} };
    },
  },
  {
    method: 'PUT',
    pattern: '/repos/:owner/:repo/subscription',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const subscribed = req.body.subscribed === true;
      if (subscribed) r.watchers.add(ctx.actor.login);
      else r.watchers.delete(ctx.actor.login);
      const url = `${ctx.base}/repos/${r.owner}/${r.name}`;
      return {
        body: {
          subscribed,
          ignored: req.body.ignored === true,
          reason: null,
          created_at: ctx.world.iso(),
          url: `${url}/subscription`,
          repository_url: url,
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/branches/:branch/protection/required_signatures',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const protection = r.protection.get(req.params.branch!);
      if (!protection) throw new HttpError(404, 'Branch not protected');
      protection.required_signatures = true;
      return {
        body: { url: `${ctx.base}/repos/${r.owner}/${r.name}/branches/${req.params.branch}/protection/required_signatures`, enabled: true },
      };
    },
  },
];
