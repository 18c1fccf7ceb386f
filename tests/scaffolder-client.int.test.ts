import fs from 'node:fs';
import path from 'node:path';
import { ResponseError } from '@backstage/errors';
import { ScaffolderClient, type LogEvent } from '@backstage/plugin-scaffolder-common';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ingestLocationTree } from '@/lib/catalog/ingest/ingest-location';
import { registerLocation, syncConfigLocations } from '@/lib/catalog/location-admin';
import { resetEnvForTests } from '@/lib/env';
import { runTask } from '@/lib/scaffolder/runner/run-task';
import { SEED_TOKEN } from '@/standins/github/seed';
import { startGithubEnvironment, type GithubEnvironment } from '@/testing/github-environment';
import { startRouteServer } from '@/testing/route-server';
import { scaffolderRoutes } from '@/testing/scaffolder-routes';
import { createTestUser, tokenFor } from '@/testing/sign-in';
import { useTestDb } from '@/testing/test-db';

// Backstage's own scaffolder client (ScaffolderClient of @backstage/plugin-scaffolder-common 2.3.0,
// the frontend's and scripts' client of scaffolder-backend 4.x) against the server over HTTP: every
// public method that asks the server is called (the last test fails for any that was not), as a
// Backstage app or script pointed at Wayfinder would call it.

useTestDb();
// The client's event stream is made for a browser: fetch-event-source removes a visibilitychange
// listener from `document` and clears its retry timer through `window` when it closes. Those, as a
// browser has them, while the stream is read (a global `window` all along would make the embedded
// database think it runs in a browser); everything else (fetch, the stream) is Node's own.
async function inBrowserGlobals<T>(run: () => Promise<T>): Promise<T> {
  vi.stubGlobal('window', { setTimeout, clearTimeout });
  vi.stubGlobal('document', { hidden: false, addEventListener: () => {}, removeEventListener: () => {} });
  try {
    return await run();
  } finally {
    vi.unstubAllGlobals();
  }
}
const USER = 'user:default/client-user';
const TEMPLATE = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: greeting
  title: Greeting
spec:
  type: service
  parameters:
    - title: Name
      required: [name]
      properties:
        name: { type: string, pattern: '^[a-z]+$' }
  steps:
    - id: fetch
      action: fetch:template
      input: { url: ./skeleton, values: { name: '\${{ parameters.name }}' } }
    - id: say
      action: debug:log
      input: { message: 'hello \${{ parameters.name }}' }
  output:
    text:
      - { title: Greeting, content: 'hi \${{ parameters.name }}' }
`;

let env: GithubEnvironment;
let server: { url: string; close(): Promise<void> };
let token: string;

beforeAll(async () => {
  env = await startGithubEnvironment('scaffolder-client-secret', { catalog: ['  locations: [{ type: file, target: ./org.yaml }]'] });
  Object.assign(process.env, { WAYFINDER_WORKERS: 'false' });
  resetEnvForTests();
  fs.writeFileSync(
    path.join(env.dir, 'org.yaml'),
    'apiVersion: backstage.io/v1alpha1\nkind: User\nmetadata: { name: client-user }\nspec: { memberOf: [] }\n',
  );
  for (const id of await syncConfigLocations()) await ingestLocationTree(id);
  fs.mkdirSync(path.join(env.dir, 'greeting/skeleton'), { recursive: true });
  fs.writeFileSync(path.join(env.dir, 'greeting/skeleton/README.md'), '# ${{ values.name }}\n');
  fs.writeFileSync(path.join(env.dir, 'greeting/template.yaml'), TEMPLATE);
  await registerLocation({ type: 'file', target: path.join(env.dir, 'greeting/template.yaml') });
  token = (await tokenFor(await createTestUser({ login: 'client-user', entityRef: USER }), 'write')).token;
  server = await startRouteServer(scaffolderRoutes());
}, 90_000);

afterAll(async () => {
  await server?.close();
  await env?.close();
  delete process.env.WAYFINDER_WORKERS;
  resetEnvForTests();
});

describe('@backstage/plugin-scaffolder-common ScaffolderClient: every method against the server', () => {
  const called = new Set<string>();
  // getIntegrationsList reads the app's own configuration and asks the server nothing.
  const LOCAL = ['constructor', 'requestRequired', 'getIntegrationsList', 'streamLogsEventStream', 'streamLogsPolling'];
  const methods = Object.getOwnPropertyNames(ScaffolderClient.prototype).filter((m) => !LOCAL.includes(m));
  let client: ScaffolderClient;
  let polling: ScaffolderClient;

  beforeAll(() => {
    const options = {
      discoveryApi: { getBaseUrl: async () => `${server.url}/api/scaffolder` },
      fetchApi: {
        fetch: (input: RequestInfo | URL, init?: RequestInit) =>
          fetch(input, { ...init, headers: { ...Object.fromEntries(new Headers(init?.headers)), authorization: `Bearer ${token}` } }),
      },
      identityApi: { getBackstageIdentity: async () => ({ type: 'user' as const, userEntityRef: USER, ownershipEntityRefs: [USER] }) },
      scmIntegrationsApi: {} as never,
    } as ConstructorParameters<typeof ScaffolderClient>[0];
    const record = (real: ScaffolderClient) =>
      new Proxy(real, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver);
          if (typeof prop === 'string' && typeof value === 'function' && methods.includes(prop))
            return (...args: unknown[]) => {
              called.add(prop);
              return value.apply(target, args);
            };
          return value;
        },
      });
    client = record(new ScaffolderClient(options));
    polling = record(new ScaffolderClient({ ...options, useLongPollingLogs: true }));
  });

  const logsOf = (c: ScaffolderClient, taskId: string) =>
    new Promise<LogEvent[]>((resolve, reject) => {
      const seen: LogEvent[] = [];
      const subscription = c.streamLogs({ taskId }).subscribe({
        next: (e) => {
          seen.push(e);
          if (e.type === 'completion') {
            subscription.unsubscribe();
            resolve(seen);
          }
        },
        error: reject,
        complete: () => resolve(seen),
      });
    });

  it('reads the installed actions, the templating extensions and a template’s parameter pages', async () => {
    expect((await client.listActions()).map((a) => a.id)).toEqual(
      expect.arrayContaining(['fetch:template', 'publish:github', 'catalog:register']),
    );
    const extensions = await client.listTemplatingExtensions();
    expect(Object.keys(extensions.filters)).toEqual(expect.arrayContaining(['parseRepoUrl', 'parseEntityRef', 'pick', 'projectSlug']));
    expect(Object.keys(extensions.globals.functions)).toEqual(['range', 'cycler', 'joiner']);
    const schema = await client.getTemplateParameterSchema('template:default/greeting');
    expect(schema.title).toBe('Greeting');
    expect(schema.steps.map((s) => s.title)).toEqual(['Name']);
  });

  it('runs a template: scaffold, the task, its log as an event stream and by polling, the task list', async () => {
    const { taskId } = await client.scaffold({ templateRef: 'template:default/greeting', values: { name: 'client' } });
    const task = await client.getTask(taskId);
    expect(task).toMatchObject({ id: taskId, status: 'open', spec: { templateInfo: { entityRef: 'template:default/greeting' } } });
    await runTask(taskId);
    for (const c of [client, polling]) {
      const events = await inBrowserGlobals(() => logsOf(c, taskId));
      expect(events.map((e) => e.body.message)).toContain('hello client');
      expect(events.at(-1)).toMatchObject({ type: 'completion', taskId });
    }
    expect((await client.getTask(taskId)).status).toBe('completed');

    const { taskId: second } = await client.scaffold({ templateRef: 'template:default/greeting', values: { name: 'second' } });
    const owned = await client.listTasks({ filterByOwnership: 'owned', limit: 1, offset: 0 });
    expect(owned.totalTasks).toBe(2);
    expect(owned.tasks.map((t) => t.id)).toEqual([second]);
    expect((await client.listTasks({ filterByOwnership: 'owned', limit: 1, offset: 1 })).tasks.map((t) => t.id)).toEqual([taskId]);
  });

  it('cancels a task and retries it', async () => {
    const { taskId } = await client.scaffold({ templateRef: 'template:default/greeting', values: { name: 'again' } });
    expect(await client.cancelTask(taskId)).toEqual({ status: 'cancelled' });
    await runTask(taskId);
    expect((await client.getTask(taskId)).status).toBe('cancelled');
    expect(await client.retry!(taskId)).toEqual({ id: taskId });
    await runTask(taskId);
    expect((await client.getTask(taskId)).status).toBe('completed');
  });

  it('dry-runs a template given as an object, with its files', async () => {
    const result = await client.dryRun({
      template: {
        apiVersion: 'scaffolder.backstage.io/v1beta3',
        kind: 'Template',
        metadata: { name: 'dry' },
        spec: {
          type: 'service',
          steps: [{ id: 'fetch', action: 'fetch:template', input: { url: './skeleton', values: { name: 'dry' } } }],
        },
      },
      values: {},
      directoryContents: [{ path: 'skeleton/README.md', base64Content: Buffer.from('# ${{ values.name }}\n').toString('base64') }],
    });
    expect(result.directoryContents).toEqual([
      { path: 'README.md', base64Content: Buffer.from('# dry\n').toString('base64'), executable: false },
    ]);
    expect(result.log.length).toBeGreaterThan(0);
  });

  it('asks GitHub for the branch choices through the autocomplete', async () => {
    const { results } = await client.autocomplete!({
      token: SEED_TOKEN,
      provider: 'github',
      resource: 'branches',
      context: { host: 'github.local', owner: 'acme', repository: 'rates-service' },
    });
    expect(results.map((r) => r.id)).toContain('main');
  });

  it('turns a refusal into the ResponseError Backstage code catches, with the server’s message', async () => {
    const missing = await client.getTask('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ResponseError);
    expect((missing as ResponseError).response.status).toBe(404);
    expect((missing as ResponseError).body.error.message).toBe('no such task');
    await expect(client.scaffold({ templateRef: 'template:default/greeting', values: { name: 'NOT OK' } })).rejects.toThrow(
      /^Backend request failed, 400 .*name must match \^\[a-z\]\+\$/,
    );
  });

  it('called every method of the client that asks the server', () => {
    expect(methods.filter((m) => !called.has(m))).toEqual([]);
  });
});
