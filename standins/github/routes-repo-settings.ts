import sodium from 'libsodium-wrappers';
import type { Req, Route, RouteCtx } from './http';
import { HttpError, unprocessable } from './http-error';
import type { Repo } from './model';
import { requireRepo } from './repo-ops';

// What templates set on a repository besides its files: GitHub Actions variables and secrets
// (sealed with the repository's public key, which only GitHub can open: here, the stand-in), the
// OIDC subject template, the caller's subscription, required commit signatures, deploy keys,
// autolinks and GitHub Pages.
// https://docs.github.com/rest/actions/variables, /rest/actions/secrets, /rest/actions/oidc,
// /rest/activity/watching, /rest/branches/branch-protection, /rest/deploy-keys, /rest/repos/autolinks,
// /rest/pages/pages

const repoOf = (req: Req, ctx: RouteCtx): Repo => requireRepo(ctx.world, req.params.owner!, req.params.repo!);

type Values = Map<string, { value: string; createdAt: string; updatedAt: string }>;
type SecretHolder = Pick<Repo, 'secrets' | 'secretKey'>;

// GitHub's rule for secret and variable names: letters, digits and underscores, not starting with a
// digit nor with GITHUB_; kept upper-cased.
function checkName(name: unknown, what: 'Secret' | 'Variable'): string {
  if (typeof name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) || /^GITHUB_/i.test(name))
    throw unprocessable(
      `${what} names can only contain alphanumeric characters ([a-z], [A-Z], [0-9]) or underscores (_). Spaces are not allowed. Must start with a letter ([a-z], [A-Z]) or underscores (_). Must not start with GITHUB_.`,
    );
  return name.toUpperCase();
}

/** POST …/variables: 201, or 409 when the name is taken. */
export function createVariable(req: Req, ctx: RouteCtx, variables: Values) {
  const name = checkName(req.body.name, 'Variable');
  if (typeof req.body.value !== 'string')
    throw unprocessable('Invalid request.', [{ resource: 'Variable', code: 'missing_field', field: 'value' }]);
  if (variables.has(name)) throw new HttpError(409, 'Already exists - Variable already exists');
  const now = ctx.world.iso();
  variables.set(name, { value: req.body.value, createdAt: now, updatedAt: now });
  return { status: 201, body: {} };
}

/** PATCH …/variables/{name}: 204. */
export function updateVariable(req: Req, ctx: RouteCtx, variables: Values) {
  const v = variables.get(req.params.name!.toUpperCase());
  if (!v) throw new HttpError(404, 'Not Found');
  if (typeof req.body.value === 'string') v.value = req.body.value;
  v.updatedAt = ctx.world.iso();
  return { status: 204 };
}

async function secretKey(ctx: RouteCtx, holder: SecretHolder) {
  await sodium.ready;
  if (!holder.secretKey) {
    const pair = sodium.crypto_box_keypair();
    holder.secretKey = { keyId: String(ctx.world.id()), publicKey: pair.publicKey, privateKey: pair.privateKey };
  }
  return holder.secretKey;
}

/** GET …/secrets/public-key. */
export async function secretKeyShape(ctx: RouteCtx, holder: SecretHolder) {
  const key = await secretKey(ctx, holder);
  return { key_id: key.keyId, key: sodium.to_base64(key.publicKey, sodium.base64_variants.ORIGINAL) };
}

/** PUT …/secrets/{name}: 201 for a new secret, 204 for one replaced; a value not sealed with the current key is refused. */
export async function putSecret(req: Req, ctx: RouteCtx, holder: SecretHolder) {
  const name = checkName(req.params.name, 'Secret');
  const key = await secretKey(ctx, holder);
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
  const existing = holder.secrets.get(name);
  holder.secrets.set(name, { value, createdAt: existing?.createdAt ?? now, updatedAt: now });
  return existing ? { status: 204 } : { status: 201, body: {} };
}

// The key types GitHub takes for a deploy key (OpenSSH public key format).
const SSH_KEY =
  /^(ssh-rsa|ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|sk-ecdsa-sha2-nistp256@openssh\.com|sk-ssh-ed25519@openssh\.com) [A-Za-z0-9+/]+={0,3}( .*)?$/;

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
    handler: (req, ctx) => createVariable(req, ctx, repoOf(req, ctx).variables),
  },
  {
    method: 'PATCH',
    pattern: '/repos/:owner/:repo/actions/variables/:name',
    handler: (req, ctx) => updateVariable(req, ctx, repoOf(req, ctx).variables),
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/secrets/public-key',
    handler: async (req, ctx) => ({ body: await secretKeyShape(ctx, repoOf(req, ctx)) }),
  },
  {
    method: 'GET',
    pattern: '/repos/:owner/:repo/actions/secrets',
    handler: (req, ctx) => {
      const secrets = [...repoOf(req, ctx).secrets].map(([name, s]) => ({ name, created_at: s.createdAt, updated_at: s.updatedAt }));
      return { body: { total_count: secrets.length, secrets } };
    },
  },
  { method: 'PUT', pattern: '/repos/:owner/:repo/actions/secrets/:name', handler: (req, ctx) => putSecret(req, ctx, repoOf(req, ctx)) },
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
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/keys',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const key = typeof req.body.key === 'string' ? req.body.key.trim() : '';
      if (!SSH_KEY.test(key))
        throw unprocessable('Validation Failed', [
          {
            resource: 'PublicKey',
            code: 'custom',
            field: 'key',
            message: 'key is invalid. You must supply a key in OpenSSH public key format',
          },
        ]);
      const material = key.split(' ').slice(0, 2).join(' ');
      if (r.deployKeys.some((k) => k.key === material))
        throw unprocessable('Validation Failed', [
          { resource: 'PublicKey', code: 'custom', field: 'key', message: 'key is already in use' },
        ]);
      const k = {
        id: ctx.world.id(),
        title: typeof req.body.title === 'string' ? req.body.title : '',
        key: material,
        readOnly: req.body.read_only !== false,
        createdAt: ctx.world.iso(),
      };
      r.deployKeys.push(k);
      return {
        status: 201,
        body: {
          id: k.id,
          key: k.key,
          url: `${ctx.base}/repos/${r.owner}/${r.name}/keys/${k.id}`,
          title: k.title,
          verified: true,
          created_at: k.createdAt,
          read_only: k.readOnly,
          added_by: ctx.actor.login,
          last_used: null,
          enabled: true,
        },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/autolinks',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      const { key_prefix: prefix, url_template: url } = req.body as { key_prefix?: unknown; url_template?: unknown };
      if (typeof prefix !== 'string' || !prefix || typeof url !== 'string' || !url.includes('<num>'))
        throw unprocessable('Validation Failed', [{ resource: 'KeyLink', code: 'invalid', field: 'url_template' }]);
      if (r.autolinks.some((a) => a.keyPrefix.toLowerCase() === prefix.toLowerCase()))
        throw unprocessable('Validation Failed', [{ resource: 'KeyLink', code: 'already_exists', field: 'key_prefix' }]);
      const link = { id: ctx.world.id(), keyPrefix: prefix, urlTemplate: url, isAlphanumeric: req.body.is_alphanumeric !== false };
      r.autolinks.push(link);
      return {
        status: 201,
        body: { id: link.id, key_prefix: link.keyPrefix, url_template: link.urlTemplate, is_alphanumeric: link.isAlphanumeric },
      };
    },
  },
  {
    method: 'POST',
    pattern: '/repos/:owner/:repo/pages',
    handler: (req, ctx) => {
      const r = repoOf(req, ctx);
      if (r.pages) throw new HttpError(409, 'GitHub Pages is already enabled.');
      const b = req.body as { build_type?: unknown; source?: { branch?: unknown; path?: unknown } };
      const buildType = b.build_type === 'workflow' ? 'workflow' : 'legacy';
      const source = { branch: String(b.source?.branch ?? r.defaultBranch), path: b.source?.path === '/docs' ? '/docs' : '/' };
      if (buildType === 'legacy' && !r.refs.has(`refs/heads/${source.branch}`))
        throw unprocessable('Invalid request.', [{ resource: 'Page', code: 'invalid', field: 'source.branch' }]);
      r.pages = { buildType, source };
      const owner = r.owner.toLowerCase();
      return {
        status: 201,
        body: {
          url: `${ctx.base}/repos/${r.owner}/${r.name}/pages`,
          status: null,
          cname: null,
          custom_404: false,
          html_url: `https://${owner}.github.io/${r.name}/`,
          build_type: buildType,
          source,
          public: r.visibility === 'public',
          https_enforced: true,
        },
      };
    },
  },
];
