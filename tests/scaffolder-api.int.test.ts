import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerLocation } from '@/lib/catalog/location-admin';
import { resetEnvForTests } from '@/lib/env';
import { runTask } from '@/lib/scaffolder/runner/run-task';
import { createTestUser, tokenFor } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { createContract } from '@/testing/openapi-contract';
import { startRouteServer } from '@/testing/route-server';
import { scaffolderRoutes } from '@/testing/scaffolder-routes';

// Backstage's scaffolder REST API with bearer tokens: what existing scripts call.

useTestDb();
const cfg = useTestConfig(
  'scaffolder-api',
  [
    'catalog:',
    '  rules: [{ allow: [Component, Template] }]',
    '  fileLocationRoots: [.]',
    'integrations:',
    '  github:',
    '    - { host: github.com, token: never-used-in-a-dry-run }',
    // The tokens' owners are on no User of the catalog.
    'auth: { allowUnknownUsers: true }',
    '',
  ].join('\n'),
);
// Backstage's published description of the scaffolder API (scaffolder-backend 4.3.0) as the referee.
const contract = createContract('scaffolder');
let server: { url: string; close(): Promise<void> };
let token: string;
let otherToken: string;
let dataDir: string;

const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: hello
spec:
  type: service
  parameters:
    - title: Name
      required: [name]
      properties:
        name: { type: string, pattern: '^[a-z]+$' }
        count: { type: integer, maximum: 3 }
        password: { type: string, ui:field: Secret }
  steps:
    - id: fetch
      action: fetch:template
      input: { url: ./skeleton, values: { name: '\${{ parameters.name }}' } }
    - id: say
      action: debug:log
      input: { message: 'hello \${{ parameters.name }} \${{ secrets.password }}' }
    - id: publish
      action: publish:github
      input: { repoUrl: 'github.com?owner=acme&repo=\${{ parameters.name }}' }
  output:
    text:
      - { title: Greeting, content: 'hi \${{ parameters.name }}' }
      - { title: Count, content: '\${{ parameters.count }} of 3', if: '\${{ parameters.count > 0 }}' }
`;

async function call(method: string, url: string, body?: unknown, auth = token) {
  const res = await fetch(`${server.url}${url}`, {
    method,
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const parsed = text.startsWith('{') || text.startsWith('[') ? JSON.parse(text) : text;
  // Every exchange with an operation of Backstage's document (all but the event stream) is held to it.
  const full = new URL(`${server.url}${url}`);
  const template = contract.templateOf(method, full.pathname);
  if (template) {
    // A dry run's template may be YAML text here (Backstage takes an object): that request is Wayfinder's own.
    const requestBody =
      (body as { template?: unknown } | undefined)?.template === undefined || typeof (body as { template: unknown }).template === 'object'
        ? body
        : undefined;
    const problems = contract.check({ method, template, url: full, requestBody, status: res.status, body: parsed || undefined });
    expect(problems, `${method} ${url} → ${res.status}`).toEqual([]);
  }
  return { status: res.status, body: parsed };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-scaffolder-api-'));
  Object.assign(process.env, { WAYFINDER_WORKERS: 'false', WAYFINDER_DATA_DIR: dataDir });
  resetEnvForTests();
  fs.mkdirSync(path.join(cfg.dir, 'hello/skeleton'), { recursive: true });
  fs.writeFileSync(path.join(cfg.dir, 'hello/skeleton/README.md'), '# ${{ values.name }}\n');
  fs.writeFileSync(path.join(cfg.dir, 'hello/template.yaml'), TEMPLATE);
  await registerLocation({ type: 'file', target: path.join(cfg.dir, 'hello/template.yaml') });
  token = (await tokenFor(await createTestUser({ login: 'api-user' }), 'write')).token;
  otherToken = (await tokenFor(await createTestUser({ login: 'someone-else' }), 'write')).token;
  server = await startRouteServer(scaffolderRoutes(''));
}, 60_000);

afterAll(async () => {
  await server?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  delete process.env.WAYFINDER_WORKERS;
  delete process.env.WAYFINDER_DATA_DIR;
  resetEnvForTests();
});

describe('/api/scaffolder/v2', () => {
  it('lists every action with its input schema, and a template parameter schema', async () => {
    const actions = await call('GET', '/v2/actions');
    expect(actions.body.map((a: { id: string }) => a.id)).toEqual(
      expect.arrayContaining(['fetch:template', 'publish:github', 'catalog:register', 'argocd:create-resources', 'debug:wait']),
    );
    const publish = actions.body.find((a: { id: string }) => a.id === 'publish:github');
    expect(publish.schema.input.required).toEqual(['repoUrl']);
    expect(publish.schema.input.properties.repoVisibility.enum).toEqual(['private', 'internal', 'public']);
    const schema = await call('GET', '/v2/templates/default/template/hello/parameter-schema');
    expect(schema.body).toMatchObject({ title: 'hello', steps: [{ title: 'Name', schema: { required: ['name'] } }] });
  });

  it("serves a parameter page that a $yaml substitution fills, and written properties in the author's order", async () => {
    // As in Witboost's documented templates (a shared schema file beside template.yaml); Backstage's
    // placeholder processor resolves $yaml in any entity, Templates included.
    fs.mkdirSync(path.join(cfg.dir, 'shared'), { recursive: true });
    fs.writeFileSync(path.join(cfg.dir, 'shared/schema.yaml'), 'schemaDefinition:\n  type: string\n  title: Schema\n');
    fs.writeFileSync(
      path.join(cfg.dir, 'shared/template.yaml'),
      [
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata: { name: shared-schema }',
        'spec:',
        '  type: service',
        '  parameters:',
        '    - title: Data contract schema',
        '      required: [schemaDefinition]',
        '      properties:',
        '        $yaml: ./schema.yaml',
        '    - title: Where',
        '      properties:',
        '        service: { type: string }',
        '        name: { type: string }',
        '  steps:',
        "    - { id: log, action: debug:log, input: { message: '${{ parameters.schemaDefinition }}' } }",
        '',
      ].join('\n'),
    );
    await registerLocation({ type: 'file', target: path.join(cfg.dir, 'shared/template.yaml') });
    const schema = await call('GET', '/v2/templates/default/template/shared-schema/parameter-schema');
    expect(schema.status).toBe(200);
    const [contract, where] = schema.body.steps;
    expect(contract.schema.properties).toEqual({ schemaDefinition: { type: 'string', title: 'Schema' } });
    expect(Object.keys(where.schema.properties)).toEqual(['service', 'name']);
  });

  it('creates a task, reads it, its events and its event stream', async () => {
    const created = await call('POST', '/v2/tasks', {
      templateRef: 'template:default/hello',
      values: { name: 'world' },
      secrets: { password: 'pa55word!' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call('POST', `/v2/tasks/${id}/cancel`); // cancel before it runs
    const task = await call('GET', `/v2/tasks/${id}`);
    expect(task.body).toMatchObject({ id, spec: { templateInfo: { entityRef: 'template:default/hello' }, parameters: { name: 'world' } } });
    expect(JSON.stringify(task.body)).not.toContain('pa55word!');
    await runTask(id);
    expect((await call('GET', `/v2/tasks/${id}`)).body.status).toBe('cancelled');
    const stream = await call('GET', `/v2/tasks/${id}/eventstream`);
    expect(stream.body).toMatch(/^id: \d+\nevent: log\ndata: \{.*"message":"Task created by/m);
    expect(stream.body).toMatch(/event: cancelled\n/);
    const events = await call('GET', `/v2/tasks/${id}/events`);
    expect(events.body.at(-1)).toMatchObject({ type: 'cancelled', body: { message: 'Task cancelled' } });
    const last = events.body.at(-1).id as number;
    expect((await call('GET', `/v2/tasks/${id}/events?after=${last - 1}`)).body.map((e: { id: number }) => e.id)).toEqual([last]);
    // A cursor that is not an event id is a 400 that says so, not a 500.
    for (const after of ['1.5', '1e400', '-1', 'abc']) {
      for (const route of ['events', 'eventstream']) {
        const bad = await call('GET', `/v2/tasks/${id}/${route}?after=${after}`);
        expect(bad.status, `${route}?after=${after}`).toBe(400);
        expect(bad.body.error.message).toBe(`after must be an event id (a whole number, 0 or more), not "${after}"`);
      }
    }
    const list = await call('GET', '/v2/tasks');
    expect(list.body.tasks.map((t: { id: string }) => t.id)).toContain(id);

    // Someone else's task does not exist for you.
    expect((await call('GET', `/v2/tasks/${id}`, undefined, otherToken)).status).toBe(404);
    // Listed as Backstage lists what its permissions allow: none of someone else's tasks.
    const theirs = await call('GET', '/v2/tasks?createdBy=user:default/api-user', undefined, otherToken);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual({ tasks: [], totalTasks: 0 });
    // Retry needs the secret again.
    const retry = await call('POST', `/v2/tasks/${id}/retry`, {});
    expect(retry.status).toBe(400);
    expect(retry.body.error.message).toMatch(/needs its secrets again .*password/);
    expect((await call('POST', `/v2/tasks/${id}/retry`, { secrets: { password: 'x' } })).status).toBe(201);
  });

  it("lists tasks as Backstage's ListTasks does: by status, ordered, paged, with the total", async () => {
    const lister = (await tokenFor(await createTestUser({ login: 'lister' }), 'write')).token;
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      const created = await call('POST', '/v2/tasks', { templateRef: 'template:default/hello', values: { name } }, lister);
      ids.push(created.body.id);
      await new Promise((r) => setTimeout(r, 15)); // distinct creation times
    }
    const [a, b, c] = ids;
    await call('POST', `/v2/tasks/${a}/cancel`, undefined, lister);
    await runTask(a);
    const list = async (query: string) => {
      const res = await call('GET', `/v2/tasks${query}`, undefined, lister);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return { ids: res.body.tasks.map((t: { id: string }) => t.id), total: res.body.totalTasks };
    };
    expect(await list('')).toEqual({ ids: [c, b, a], total: 3 });
    expect(await list('?status=open')).toEqual({ ids: [c, b], total: 2 });
    expect(await list('?status=open&status=cancelled&order=asc:created_at')).toEqual({ ids: [a, b, c], total: 3 });
    expect(await list('?order=asc:created_at&limit=2')).toEqual({ ids: [a, b], total: 3 });
    expect(await list('?order=asc:created_at&limit=2&offset=2')).toEqual({ ids: [c], total: 3 });
    expect(await list('?order=asc:status&order=desc:created_at')).toEqual({ ids: [a, c, b], total: 3 });
    for (const [query, message] of [
      ['?order=newest', 'Invalid order parameter "newest", expected "<asc or desc>:<field name>"'],
      ['?order=desc:name', 'Invalid order field "name"; one of created_at, status, created_by'],
      ['?limit=-1', 'limit must be a whole number of 0 or more, got "-1"'],
      ['?offset=x', 'offset must be a whole number of 0 or more, got "x"'],
    ]) {
      const bad = await call('GET', `/v2/tasks${query}`, undefined, lister);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.message).toBe(message);
    }
  });

  it('retries with the secrets the task had, and refuses others by name', async () => {
    // A new run takes any secret names (Backstage's API: a template may read secrets.X of one the form does not ask for).
    const created = await call('POST', '/v2/tasks', {
      templateRef: 'template:default/hello',
      values: { name: 'again' },
      secrets: { password: 'pa55word!', apiKey: 'k-123' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call('POST', `/v2/tasks/${id}/cancel`);
    await runTask(id);
    const retry = await call('POST', `/v2/tasks/${id}/retry`, { secrets: { password: 'x', apiKey: 'k', npmToken: 'n', other: 'o' } });
    expect(retry.status).toBe(400);
    expect(retry.body.error.message).toBe(
      'this task was started without the secrets npmToken, other; a retry takes again only the secrets the task had (apiKey, password)',
    );
    expect((await call('POST', `/v2/tasks/${id}/retry`, { secrets: { password: 'x', apiKey: 'k' } })).status).toBe(201);
  });

  it('answers 400 naming each bad field when the form is bypassed', async () => {
    const res = await call('POST', '/v2/tasks', { templateRef: 'template:default/hello', values: { name: 'NOT OK', count: 9 } });
    expect(res.status).toBe(400);
    // Backstage's ValidationError shape (the refused values are not echoed: one may be a secret).
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        field: 'name',
        message: 'name must match ^[a-z]+$',
        property: 'instance.name',
        stack: 'instance.name name must match ^[a-z]+$',
      }),
      expect.objectContaining({ field: 'count', message: 'count must be <= 3', path: ['count'], instance: {} }),
    ]);
    expect((await call('POST', '/v2/tasks', { values: {} })).status).toBe(400);
  });

  it("checks the secrets against the template's spec.secrets.schema, on a run and on a retry, naming no value", async () => {
    fs.mkdirSync(path.join(cfg.dir, 'publish'), { recursive: true });
    fs.writeFileSync(
      path.join(cfg.dir, 'publish/template.yaml'),
      [
        'apiVersion: scaffolder.backstage.io/v1beta3',
        'kind: Template',
        'metadata: { name: publish-package }',
        'spec:',
        '  type: library',
        '  secrets:',
        '    schema:',
        '      type: object',
        '      required: [NPM_TOKEN]',
        "      properties: { NPM_TOKEN: { type: string, pattern: '^npm_' } }",
        '  steps:',
        '    - { id: say, action: debug:log, input: { message: publishing } }',
        '',
      ].join('\n'),
    );
    await registerLocation({ type: 'file', target: path.join(cfg.dir, 'publish/template.yaml') });
    const run = (secrets: Record<string, string>) =>
      call('POST', '/v2/tasks', { templateRef: 'template:default/publish-package', values: {}, secrets });
    const missing = await run({});
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'secrets.NPM_TOKEN', message: 'NPM_TOKEN is required' })]);
    const wrong = await run({ NPM_TOKEN: 'ghp_not-an-npm-token' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'secrets.NPM_TOKEN', message: 'NPM_TOKEN must match ^npm_' })]);
    expect(JSON.stringify(wrong.body)).not.toContain('ghp_not-an-npm-token');
    const created = await run({ NPM_TOKEN: 'npm_abc' });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    await call('POST', `/v2/tasks/${id}/cancel`);
    await runTask(id);
    const retried = await call('POST', `/v2/tasks/${id}/retry`, { secrets: { NPM_TOKEN: 'not-npm' } });
    expect(retried.status).toBe(400);
    expect(retried.body.errors).toEqual([expect.objectContaining({ field: 'secrets.NPM_TOKEN', message: 'NPM_TOKEN must match ^npm_' })]);
    expect((await call('POST', `/v2/tasks/${id}/retry`, { secrets: { NPM_TOKEN: 'npm_def' } })).status).toBe(201);
  });

  it('dry-runs a template without side effects and reports YAML errors with line and column', async () => {
    const res = await call('POST', '/v2/dry-run', {
      template: TEMPLATE,
      values: { name: 'dry' },
      secrets: { password: 'hidden-value' },
      directoryContents: [{ path: 'skeleton/README.md', base64Content: Buffer.from('# ${{ values.name }}\n').toString('base64') }],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.directoryContents).toEqual([
      { path: 'README.md', base64Content: Buffer.from('# dry\n').toString('base64'), executable: false },
    ]);
    expect(res.body.output).toEqual({ text: [{ title: 'Greeting', content: 'hi dry' }] });
    const messages = res.body.log.map((l: { body: { message: string } }) => l.body.message).join('\n');
    expect(messages).toContain('hello dry ***');
    expect(messages).toMatch(/Dry run: would create private repository acme\/dry/);
    expect(res.body.steps.map((s: { status: string }) => s.status)).toEqual(['completed', 'completed', 'completed']);

    const broken = await call('POST', '/v2/dry-run', { template: TEMPLATE.replace('  parameters:', '  parameters: [oops'), values: {} });
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(/^template\.yaml:\d+:\d+: /);
  });

  it('refuses a task past the 20 one person may have open or running, until one ends', async () => {
    // Each task runs its steps (and with WAYFINDER_WORKERS starts at once, outside the queue's
    // concurrency): a loop of POSTs started as many runs as it sent.
    const start = () => call('POST', '/v2/tasks', { templateRef: 'template:default/hello', values: { name: 'many' } }, otherToken);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await start();
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    const refused = await start();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toBe(
      'you have 20 tasks open or running, the most one person may have; wait for one to end, or cancel one',
    );
    // Someone else is not held back.
    const mine = await call('POST', '/v2/tasks', { templateRef: 'template:default/hello', values: { name: 'mine' } });
    expect(mine.status).toBe(201);
    await call('POST', `/v2/tasks/${mine.body.id}/cancel`);
    await runTask(mine.body.id);
    // Once one has ended, another may start.
    await call('POST', `/v2/tasks/${ids[0]}/cancel`, undefined, otherToken);
    await runTask(ids[0]);
    expect((await start()).status).toBe(201);
  });

  it('holds a burst of POSTs sent at once to the same 20', async () => {
    const burstToken = (await tokenFor(await createTestUser({ login: 'burst-user' }), 'write')).token;
    const sent = await Promise.all(
      Array.from({ length: 30 }, () =>
        call('POST', '/v2/tasks', { templateRef: 'template:default/hello', values: { name: 'burst' } }, burstToken),
      ),
    );
    expect(sent.map((r) => r.status).sort()).toEqual([...Array(20).fill(201), ...Array(10).fill(409)]);
  });

  it('exercised every operation, query parameter, success and error of Backstage’s document', async () => {
    expect((await call('GET', '/v2/templating-extensions')).status).toBe(200);
    const unsupported = await call('POST', '/v2/autocomplete/gitlab/branches', { token: 'glpat-x', context: {} });
    expect(unsupported.status).toBe(400);
    // Without valid credentials every operation is a 401 in Backstage's error shape.
    for (const { method, template } of contract.operations) {
      const url = template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === 'taskId' ? '00000000-0000-4000-8000-000000000000' : name));
      expect((await call(method, url, method === 'POST' ? {} : undefined, 'not-a-token')).status, `${method} ${url}`).toBe(401);
    }
    // The autocomplete's answers from GitHub are checked against the same document in
    // tests/scaffolder-autocomplete.int.test.ts, where a GitHub stand-in answers.
    const autocompleteSuccess = 'POST /v2/autocomplete/{provider}/{resource}: no success response checked';
    expect(contract.uncovered().filter((m) => m !== autocompleteSuccess)).toEqual([]);
  });
});
