import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as autocompleteRoute from '@/app/api/scaffolder/v2/autocomplete/[provider]/[resource]/route';
import { createContract } from '@/testing/openapi-contract';
import { createTestUser, tokenFor } from '@/testing/sign-in';
import { startGithubEnvironment, untilSettled, type GithubEnvironment } from '@/testing/github-environment';
import { useTestDb } from '@/testing/test-db';

// The choices of RepoOwnerPicker and RepoBranchPicker: Backstage's scaffolder autocomplete
// (POST /api/scaffolder/v2/autocomplete/github/{owners|branches}) read from the GitHub stand-in
// with the integration's token, for whoever may run templates, and refusals that say what to fix.

useTestDb();
// Backstage's published description of the scaffolder API (scaffolder-backend 4.3.0) as the referee.
const contract = createContract('scaffolder');
let env: GithubEnvironment;
let write: string;
let read: string;

beforeAll(async () => {
  env = await startGithubEnvironment('autocomplete-webhook-secret', { sections: ['auth:', '  allowUnknownUsers: true'] });
  env.gh.state.addOrg({ login: 'acme-labs' });
  env.gh.state.addOrg({ login: 'not-ours' });
  env.gh.state.addOrgMember('acme-labs', 'sannedevries');
  env.gh.state.commitFiles('acme/rates-service', {
    branch: 'release/2026-12',
    message: 'Release branch',
    files: { 'RELEASE.md': 'December\n' },
  });
  env.gh.state.protectBranch('acme/rates-service', 'main', {
    required_status_checks: null,
    enforce_admins: false,
    required_pull_request_reviews: null,
    restrictions: null,
  });
  const member = await createTestUser({ login: 'autocomplete-member' });
  write = (await tokenFor(member, 'write')).token;
  read = (await tokenFor(member, 'read')).token;
}, 90_000);
afterAll(() => env.close());

async function ask(path: string, body: unknown, token: string | null = write) {
  const [provider, resource] = path.split('/');
  const res = await autocompleteRoute.POST(
    new Request(`http://portal/api/scaffolder/v2/autocomplete/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ provider: provider!, resource: resource! }) },
  );
  const answer = (await res.json()) as { results?: { id: string }[]; error?: { message: string } };
  const url = new URL(`http://portal/v2/autocomplete/${path}`);
  const template = contract.templateOf('POST', url.pathname);
  // Backstage's form always sends the person's token; Wayfinder's may leave it out (the integration's
  // is used), so only a request with one is held to the document's request body.
  const requestBody = (body as { token?: unknown } | null)?.token === undefined ? undefined : body;
  if (template) expect(contract.check({ method: 'POST', template, url, requestBody, status: res.status, body: answer })).toEqual([]);
  return { status: res.status, body: answer };
}

describe('the scaffolder’s autocomplete', () => {
  it('lists the organisations the integration’s token belongs to', async () => {
    const { status, body } = await ask('github/owners', { context: { host: 'github.local' } });
    expect(status).toBe(200);
    expect(body.results!.map((r) => r.id).sort()).toEqual(['acme', 'acme-labs']);
  });

  it('lists every branch of a repository, protected or not', async () => {
    const { status, body } = await ask('github/branches', {
      context: { host: 'github.local', owner: 'acme', repository: 'rates-service' },
    });
    expect(status).toBe(200);
    expect(body.results!.map((r) => r.id)).toEqual(expect.arrayContaining(['main', 'release/2026-12']));
    expect(body.results!.every((r) => Object.keys(r).join() === 'id')).toBe(true);
  });

  it('reads past GitHub’s first page of 100', async () => {
    const files = Object.fromEntries(Array.from({ length: 130 }, (_, i) => [`f${i}.md`, `${i}\n`]));
    env.gh.state.createRepo('acme', { name: 'many-branches', files });
    for (let i = 0; i < 130; i++)
      env.gh.state.commitFiles('acme/many-branches', { branch: `b-${i}`, message: `${i}`, files: { [`f${i}.md`]: `changed ${i}\n` } });
    const { body } = await ask('github/branches', { context: { host: 'github.local', owner: 'acme', repository: 'many-branches' } });
    expect(body.results).toHaveLength(131);
  });

  it('says what to fix', async () => {
    const cases: [string, unknown, number, RegExp][] = [
      ['github/teams', { context: { host: 'github.local' } }, 400, /^Invalid resource: teams; github offers owners and branches$/],
      ['gitlab/owners', { context: {} }, 400, /^Invalid provider: gitlab/],
      [
        'github/owners',
        { context: { host: 'gitlab.example.com' } },
        400,
        /no GitHub integration is configured for the host gitlab.example.com/,
      ],
      [
        'github/branches',
        { context: { host: 'github.local', owner: 'acme' } },
        400,
        /context.owner and context.repository name the repository/,
      ],
      [
        'github/branches',
        { context: { host: 'github.local', owner: 'acme', repository: 'gone' } },
        404,
        /the repository acme\/gone was not found on GitHub/,
      ],
      ['github/owners', { context: { host: 1 } }, 400, /^invalid request body: context.host:/],
      // A part that would move the request to another endpoint (/repos/../x/branches is /x/branches).
      [
        'github/branches',
        { context: { host: 'github.local', owner: '..', repository: 'x' } },
        400,
        /context.owner "\.\." is not a GitHub account name/,
      ],
      [
        'github/branches',
        { context: { host: 'github.local', owner: 'acme', repository: '..' } },
        400,
        /context.repository "\.\." is not a GitHub repository name/,
      ],
      ['github/branches', { context: { host: 'github.local', owner: 'acme', repository: 'a/b' } }, 400, /is not a GitHub repository name/],
      ['github/branches', { context: { host: 'github.local', owner: 'acme?x=1', repository: 'b' } }, 400, /is not a GitHub account name/],
    ];
    // (The many-branches test's webhook deliveries have docs and scorecards read GitHub for a while.)
    await untilSettled(env, 1000);
    const before = env.gh.state.world.requestLog.length;
    for (const [path, body, status, message] of cases) {
      const answer = await ask(path, body);
      expect([path, answer.status]).toEqual([path, status]);
      expect(answer.body.error?.message).toMatch(message);
    }
    // Of them, only the repository GitHub does not have was asked about.
    const asked = env.gh.state.world.requestLog.slice(before).map((r) => `${r.method} ${r.path}`);
    expect(asked).toEqual(['GET /repos/acme/gone/branches']);
  });

  it('is for whoever may run templates: no credentials 401, a read token 403', async () => {
    expect((await ask('github/owners', { context: { host: 'github.local' } }, null)).status).toBe(401);
    expect((await ask('github/owners', { context: { host: 'github.local' } }, read)).status).toBe(403);
  });
});
