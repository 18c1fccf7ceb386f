import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEED_OAUTH_APP, seedAcme } from './seed';
import type { GitHubStandIn } from './server';
import { createGitHubStandIn } from './server';

// GitHub's OAuth web flow end to end: authorize → code → access token → API call as that user.

let gh: GitHubStandIn;
const callback = 'http://localhost:3000/api/auth/callback/github';

beforeAll(async () => {
  gh = await createGitHubStandIn({ seed: seedAcme });
  gh.state.registerOAuthApp({ ...SEED_OAUTH_APP, clientId: 'registered', callbackUrl: 'http://localhost:3000/api/auth/callback' });
});
afterAll(() => gh.stop());

async function authorize(params: Record<string, string>): Promise<URL> {
  const res = await fetch(`${gh.url}/login/oauth/authorize?${new URLSearchParams(params)}`, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

async function exchange(body: Record<string, string>, accept = 'application/json') {
  const res = await fetch(`${gh.url}/login/oauth/access_token`, {
    method: 'POST',
    headers: { accept, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(body),
  });
  expect(res.status).toBe(200);
  return res;
}

describe('OAuth web flow', () => {
  it('issues a token for the chosen user that the API accepts, with the granted scopes', async () => {
    const back = await authorize({
      client_id: SEED_OAUTH_APP.clientId,
      redirect_uri: callback,
      state: 'xyz',
      scope: 'read:user user:email read:org',
      login: 'tombakker',
    });
    expect(`${back.origin}${back.pathname}`).toBe(callback);
    expect(back.searchParams.get('state')).toBe('xyz');
    const code = back.searchParams.get('code')!;
    const token = (await (
      await exchange({ client_id: SEED_OAUTH_APP.clientId, client_secret: SEED_OAUTH_APP.clientSecret, code, redirect_uri: callback })
    ).json()) as Record<string, string>;
    expect(token).toMatchObject({ token_type: 'bearer', scope: 'read:user,user:email,read:org' });
    const me = await fetch(`${gh.url}/user`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(((await me.json()) as { login: string }).login).toBe('tombakker');
    expect(me.headers.get('x-oauth-scopes')).toBe('read:user, user:email, read:org');
  });

  it('answers urlencoded unless JSON is asked for, and a code works only once', async () => {
    const code = (await authorize({ client_id: SEED_OAUTH_APP.clientId, redirect_uri: callback, login: 'sannedevries' })).searchParams.get(
      'code',
    )!;
    const creds = { client_id: SEED_OAUTH_APP.clientId, client_secret: SEED_OAUTH_APP.clientSecret, code };
    const form = new URLSearchParams(await (await exchange(creds, '*/*')).text());
    expect(form.get('access_token')).toMatch(/^gho_/);
    expect(form.get('token_type')).toBe('bearer');
    expect(await (await exchange(creds)).json()).toMatchObject({ error: 'bad_verification_code' });
  });

  it('rejects a wrong secret, a redirect_uri that differs from the authorize request, and expired codes', async () => {
    const get = async () =>
      (await authorize({ client_id: SEED_OAUTH_APP.clientId, redirect_uri: callback, login: 'sannedevries' })).searchParams.get('code')!;
    expect(await (await exchange({ client_id: SEED_OAUTH_APP.clientId, client_secret: 'nope', code: await get() })).json()).toMatchObject({
      error: 'incorrect_client_credentials',
    });
    expect(
      await (
        await exchange({
          client_id: SEED_OAUTH_APP.clientId,
          client_secret: SEED_OAUTH_APP.clientSecret,
          code: await get(),
          redirect_uri: 'http://evil.test/cb',
        })
      ).json(),
    ).toMatchObject({ error: 'redirect_uri_mismatch' });
    const code = await get();
    gh.state.world.oauthCodes.get(code)!.expiresAt = Date.now() - 1; // codes live 10 minutes
    expect(
      await (await exchange({ client_id: SEED_OAUTH_APP.clientId, client_secret: SEED_OAUTH_APP.clientSecret, code })).json(),
    ).toMatchObject({ error: 'bad_verification_code' });
  });

  it('sends a redirect_uri outside the registered callback back with redirect_uri_mismatch', async () => {
    const back = await authorize({ client_id: 'registered', redirect_uri: 'http://evil.test/cb', state: 's' });
    expect(back.origin).toBe('http://localhost:3000');
    expect(back.searchParams.get('error')).toBe('redirect_uri_mismatch');
  });

  it('shows a sign-in page listing users when nobody is signed in, and approves the browser user directly', async () => {
    const page = await fetch(
      `${gh.url}/login/oauth/authorize?client_id=${SEED_OAUTH_APP.clientId}&redirect_uri=${encodeURIComponent(callback)}`,
    );
    const html = await page.text();
    expect(html).toContain('tombakker');
    const link = /href="([^"]*login=tombakker[^"]*)"/.exec(html)![1]!.replace(/&#38;/g, '&');
    const follow = await fetch(`${gh.url}${link}`, { redirect: 'manual' });
    expect(follow.headers.get('location')).toMatch(/^http:\/\/localhost:3000\/api\/auth\/callback\/github\?code=/);

    gh.state.setBrowserUser('priyaraman');
    const back = await authorize({ client_id: SEED_OAUTH_APP.clientId, redirect_uri: callback });
    const token = (await (
      await exchange({
        client_id: SEED_OAUTH_APP.clientId,
        client_secret: SEED_OAUTH_APP.clientSecret,
        code: back.searchParams.get('code')!,
      })
    ).json()) as { access_token: string };
    const me = (await (await fetch(`${gh.url}/user`, { headers: { authorization: `token ${token.access_token}` } })).json()) as {
      login: string;
    };
    expect(me.login).toBe('priyaraman');
  });
});
