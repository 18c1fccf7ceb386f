import { randomBytes } from 'node:crypto';
import type { Reply, Req, Route, RouteCtx } from './http';

// GitHub's OAuth web application flow:
// https://docs.github.com/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#web-application-flow

const CODE_TTL_MS = 10 * 60 * 1000;

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function html(status: number, title: string, body: string): Reply {
  return {
    status,
    headers: { 'content-type': 'text/html; charset=utf-8' },
    text: `<!doctype html><html><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`,
  };
}

function redirect(to: string): Reply {
  return { status: 302, headers: { location: to }, text: '' };
}

function withParams(url: string, params: Record<string, string | null>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}

function authorize(req: Req, ctx: RouteCtx): Reply {
  const q = req.query;
  const app = ctx.world.oauthApps.get(q.get('client_id') ?? '');
  if (!app) return html(404, 'Not Found', '<p>Unknown OAuth application (client_id).</p>');
  const redirectUri = q.get('redirect_uri') ?? app.callbackUrl;
  const state = q.get('state');
  if (!redirectUri) return html(400, 'Bad request', '<p>No redirect_uri and no registered callback URL.</p>');
  if (app.callbackUrl && !redirectUri.startsWith(app.callbackUrl)) {
    return redirect(
      withParams(app.callbackUrl, {
        error: 'redirect_uri_mismatch',
        error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
        state,
      }),
    );
  }
  const login = q.get('login') ?? ctx.world.browserUser;
  const user = login ? ctx.world.user(login) : undefined;
  if (!user) {
    // The "sign in as" page: each user is a link back here with login=<user>.
    const items = [...ctx.world.users.values()].map((u) => {
      const next = new URLSearchParams(q);
      next.set('login', u.login);
      return `<li><a href="/login/oauth/authorize?${escape(next.toString())}">${escape(u.login)}${u.name ? ` (${escape(u.name)})` : ''}</a></li>`;
    });
    return html(200, 'Sign in to the GitHub stand-in', `<p>Authorize <b>${escape(app.clientId)}</b> as:</p><ul>${items.join('')}</ul>`);
  }
  const code = randomBytes(10).toString('hex');
  ctx.world.oauthCodes.set(code, {
    code,
    clientId: app.clientId,
    login: user.login,
    redirectUri: q.get('redirect_uri'),
    scope: q.get('scope') ?? '',
    expiresAt: Date.now() + CODE_TTL_MS,
  });
  return redirect(withParams(redirectUri, { code, state }));
}

function accessToken(req: Req, ctx: RouteCtx): Reply {
  const p = (k: string) => {
    const v = req.body[k] ?? req.query.get(k);
    return typeof v === 'string' ? v : undefined;
  };
  const wantsJson = (req.headers.accept ?? '').includes('application/json');
  const answer = (fields: Record<string, string>): Reply =>
    wantsJson
      ? { status: 200, body: fields }
      : {
          status: 200,
          headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
          text: new URLSearchParams(fields).toString(),
        };
  const fail = (error: string, description: string) =>
    answer({
      error,
      error_description: description,
      error_uri: 'https://docs.github.com/apps/managing-oauth-apps/troubleshooting-oauth-app-access-token-request-errors',
    });

  const app = ctx.world.oauthApps.get(p('client_id') ?? '');
  if (!app || app.clientSecret !== p('client_secret'))
    return fail('incorrect_client_credentials', 'The client_id and/or client_secret passed are incorrect.');
  const code = ctx.world.oauthCodes.get(p('code') ?? '');
  // Codes are single-use: consumed whether or not the exchange succeeds.
  if (code) ctx.world.oauthCodes.delete(code.code);
  if (!code || code.clientId !== app.clientId || code.expiresAt < Date.now())
    return fail('bad_verification_code', 'The code passed is incorrect or expired.');
  const redirectUri = p('redirect_uri');
  if (redirectUri !== undefined && code.redirectUri !== null && redirectUri !== code.redirectUri)
    return fail('redirect_uri_mismatch', 'The redirect_uri MUST match the registered callback URL for this application.');
  const scopes = code.scope.split(/[\s,]+/).filter(Boolean);
  const token = ctx.state.issueToken(code.login, scopes);
  return answer({ access_token: token, token_type: 'bearer', scope: scopes.join(',') });
}

export const oauthRoutes: Route[] = [
  { method: 'GET', pattern: '/login/oauth/authorize', web: true, handler: authorize },
  { method: 'POST', pattern: '/login/oauth/access_token', web: true, handler: accessToken },
];

/** raw.githubusercontent-style download_url: /{owner}/{repo}/raw/{ref}/{path} (no token needed, like a public repo). */
export const rawRoute: Route = {
  method: 'GET',
  pattern: '/:owner/:repo/raw/*rest',
  web: true,
  handler: (req, ctx) => {
    const r = ctx.world.repo(req.params.owner!, req.params.repo!);
    const [ref, ...rest] = req.params.rest!.split('/');
    const sha = r && ref ? ctx.world.resolve(r, ref) : undefined;
    const file = r && sha ? r.git.flatten(r.git.commit(sha)!.data.tree).get(rest.join('/')) : undefined;
    if (!r || !file) return { status: 404, headers: { 'content-type': 'text/plain' }, text: '404: Not Found' };
    return { headers: { 'content-type': 'text/plain; charset=utf-8' }, text: r.git.blob(file.sha)!.content.toString('utf8') };
  },
};
