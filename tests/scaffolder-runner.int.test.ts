import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { registerLocation } from '@/lib/catalog/location-admin';
import { saveManagedEntity } from '@/lib/catalog/mutations';
import { resetEnvForTests } from '@/lib/env';
import { toTaskResponse } from '@/lib/scaffolder/api';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { cancelTask, createTask, retryTask } from '@/lib/scaffolder/mutations';
import { getTask, listTaskEvents, listTasks } from '@/lib/scaffolder/queries';
import { recoverTasks } from '@/lib/scaffolder/jobs';
import { stopQueue } from '@/lib/jobs/queue';
import { runTask } from '@/lib/scaffolder/runner/run-task';

// The durable task runner end to end on a real database: templates registered from a folder,
// tasks created as the UI and API create them, and run as the job worker runs them.

const t = useTestDb();
const cfg = useTestConfig(
  'scaffolder-runner',
  ['catalog:', '  rules: [{ allow: [Component, API, Template, Location] }]', '  fileLocationRoots: [.]', ''].join('\n'),
);
const actor: Actor = {
  id: 'user:u1',
  name: 'Jane',
  kind: 'user',
  login: 'jane',
  userRef: 'user:default/jane',
  roles: ['member'],
  leadOf: [],
  scope: 'write',
};
let dataDir: string;

const template = (name: string, steps: string, extra = '') => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: 테스트 ${name}
spec:
  type: service
  parameters:
    - title: Basics
      required: [name]
      properties:
        name:
          type: string
          pattern: '^[a-z][a-z0-9-]*$'
          errorMessage:
            pattern: lower-case letters, digits and dashes
        kafka:
          type: boolean
          default: false
        token:
          type: string
          ui:field: Secret
${extra}  steps:
${steps}
  output:
    links:
      - title: Repository
        url: https://example.test/\${{ parameters.name }}
      - title: Kafka topics
        url: https://kafka.example.test/\${{ parameters.name }}
        if: \${{ parameters.kafka }}
    text:
      - title: Kafka
        content: '\${{ parameters.kafka }}'
`;

// Templates that handle a secret typed into a Secret field. A template is repository content, and
// the leads of its owning group see every run of it (outputs, parameters, log): none of that, and
// nothing stored, may hold the secret.
const SECRET = 'ghp_TaskSecretValue1234567890';
const secretTemplate = (name: string, parameters: string, steps: string, output = '') => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
spec:
  type: service
  parameters:
${parameters}
  steps:
${steps}
${output}`;
const tokenPage = `    - title: Basics
      properties:
        token:
          type: string
          ui:field: Secret
`;

function write(rel: string, text: string) {
  const file = path.join(cfg.dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-scaffolder-data-'));
  // Tasks are started by the test, as the job worker would start them.
  Object.assign(process.env, { WAYFINDER_WORKERS: 'false', WAYFINDER_DATA_DIR: dataDir });
  resetEnvForTests();
  write('basic/skeleton/README.md', '# ${{ values.name }}\nKafka: ${{ values.kafka }}\n');
  write('basic/skeleton/${{ values.name }}/main.txt', 'service ${{ values.name | upper }}\n');
  write('basic/skeleton/raw/keep.txt', 'not ${{ rendered }}\n');
  write('basic/skeleton/${{ "kafka.yaml" if values.kafka }}', 'topics: []\n');
  write(
    'basic/template.yaml',
    template(
      'basic',
      `    - id: fetch
      name: Fetch skeleton
      action: fetch:template
      input:
        url: ./skeleton
        values:
          name: \${{ parameters.name }}
          kafka: \${{ parameters.kafka }}
        copyWithoutTemplating: ['raw/**']
    - id: rename
      action: fs:rename
      input:
        files: [{ from: README.md, to: docs/README.md }]
    - id: loop
      action: debug:log
      each: ['a', 'b']
      input:
        message: 'item \${{ each.value }} of \${{ parameters.name }} with \${{ secrets.token }}'
    - id: never
      if: \${{ parameters.kafka and false }}
      action: debug:log
      input: { message: never }
    - id: list
      action: debug:log
      input:
        listWorkspace: with-contents
`,
    ),
  );
  write(
    'flaky/template.yaml',
    template(
      'flaky',
      `    - id: first
      action: debug:log
      input: { message: first step }
    - id: extra
      action: fetch:plain:file
      input: { url: ./extra.txt, targetPath: extra.txt }
    - id: last
      action: debug:log
      input: { listWorkspace: with-contents }
`,
    ),
  );
  write(
    'slow/template.yaml',
    template(
      'slow',
      `    - id: wait
      action: debug:wait
      input: { seconds: 30 }
`,
    ),
  );
  write('evil/skeleton/${{ values.name }}', 'pwned\n');
  write(
    'evil/template.yaml',
    template(
      'evil',
      `    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values: { name: '../../../escaped.txt' }
    - id: outside
      action: fetch:plain
      input: { url: ../basic/skeleton }
`,
    ),
  );
  // Pages shown on a condition, as in Backstage's sample template conditional-parameters-demo.
  write(
    'cloud/template.yaml',
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: cloud
spec:
  type: service
  parameters:
    - title: Provider
      required: [name, cloudProvider]
      properties:
        name: { type: string }
        cloudProvider: { type: string, enum: [AWS, GCP] }
    - title: AWS
      when: \${{ parameters.cloudProvider === 'AWS' }}
      required: [awsRegion]
      properties:
        awsRegion: { title: AWS Region, type: string }
    - title: GCP
      when: \${{ parameters.cloudProvider === 'GCP' }}
      required: [gcpProjectId]
      properties:
        gcpProjectId: { type: string }
  steps:
    - id: log
      action: debug:log
      input:
        message: '\${{ parameters.name }} on \${{ parameters.cloudProvider }} in \${{ parameters.awsRegion }}'
`,
  );
  // Backstage's Template schema requires only type and steps.
  write(
    'no-form/template.yaml',
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: no-form
spec:
  type: service
  steps:
    - id: log
      action: debug:log
      input: { message: no form needed }
`,
  );
  write(
    'echo/template.yaml',
    secretTemplate(
      'echo',
      tokenPage,
      `    - id: reg
      action: catalog:register
      input:
        catalogInfoUrl: \${{ secrets.token }}
        optional: true
`,
      `  output:
    text:
      - title: Registered
        content: \${{ steps.reg.output.catalogInfoUrl }}
`,
    ),
  );
  write('npmrc/skeleton/.npmrc', '//registry.example/:_authToken=${{ values.token }}\n');
  write(
    'npmrc/template.yaml',
    secretTemplate(
      'npmrc',
      tokenPage,
      `    - id: fetch
      action: fetch:template
      input:
        url: ./skeleton
        values:
          token: \${{ secrets.token }}
    - id: extra
      action: fetch:plain:file
      input: { url: ./extra.txt, targetPath: extra.txt }
    - id: list
      action: debug:log
      input: { listWorkspace: with-contents }
`,
    ),
  );
  // A Secret field inside an object property: the run form sends it in values, where it is.
  write(
    'nested/template.yaml',
    secretTemplate(
      'nested',
      `    - title: Registry
      properties:
        registry:
          type: object
          properties:
            host: { type: string }
            password:
              type: string
              ui:field: Secret
`,
      `    - id: log
      action: debug:log
      input: { message: 'logging in to \${{ parameters.registry.host }} with \${{ secrets.password }}' }
`,
    ),
  );
  // A template that logs more than a task's log keeps: 80 lines of 64,000 characters (5 MB).
  write(
    'chatty/template.yaml',
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: chatty
spec:
  type: service
  parameters:
    - properties:
        line: { type: string }
        items: { type: array }
  steps:
    - id: talk
      action: debug:log
      each: \${{ parameters.items }}
      input: { message: '\${{ each.value }} \${{ parameters.line }}' }
    - id: after
      action: debug:log
      input: { message: still running }
`,
  );
  for (const name of ['basic', 'flaky', 'slow', 'evil', 'cloud', 'no-form', 'echo', 'npmrc', 'nested', 'chatty'])
    await registerLocation({ type: 'file', target: path.join(cfg.dir, name, 'template.yaml') });
}, 60_000);

afterAll(async () => {
  await stopQueue();
  fs.rmSync(dataDir, { recursive: true, force: true });
  delete process.env.WAYFINDER_WORKERS;
  delete process.env.WAYFINDER_DATA_DIR;
  resetEnvForTests();
});

const messages = async (id: string) => (await listTaskEvents(id)).map((e) => e.message);

/** Everything stored about a task, the saved workspace unzipped. */
async function stored(id: string): Promise<string> {
  const row = await t.db.prisma.scaffolderTask.findUniqueOrThrow({ where: { id }, include: { steps: true, events: true } });
  return JSON.stringify(row, (_k, v: unknown) =>
    typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? gunzipSync(v).toString() : v,
  );
}

/** The saved workspace: each file's path and contents. */
async function savedWorkspace(id: string): Promise<string | null> {
  const row = await t.db.prisma.scaffolderTask.findUniqueOrThrow({ where: { id }, select: { workspace: true } });
  if (!row.workspace) return null;
  const files = JSON.parse(gunzipSync(row.workspace).toString('utf8')) as [string, string][];
  return files.map(([p, b64]) => `${p}:${Buffer.from(b64, 'base64').toString()}`).join('\n');
}

describe('running a template', () => {
  it('renders the skeleton, loops, skips, and renders typed outputs', async () => {
    const { id } = await createTask(actor, {
      templateRef: 'template:default/basic',
      values: { name: 'payments', kafka: true, token: 'tok-SECRET-123' },
      secrets: {},
    });
    await runTask(id);
    const task = await getTask(actor, id);
    expect(task.status).toBe('completed');
    expect(task.steps.map((s) => [s.stepId, s.status])).toEqual([
      ['fetch', 'completed'],
      ['rename', 'completed'],
      ['loop', 'completed'],
      ['never', 'skipped'],
      ['list', 'completed'],
    ]);
    // What the task page shows: the Kafka link is there, without its `if`.
    expect(task.output).toEqual({
      links: [
        { title: 'Repository', url: 'https://example.test/payments' },
        { title: 'Kafka topics', url: 'https://kafka.example.test/payments' },
      ],
      text: [{ title: 'Kafka', content: true }],
    });
    const log = (await messages(id)).join('\n');
    expect(log).toContain('docs/README.md:\n# payments\nKafka: true');
    expect(log).toContain('payments/main.txt:\nservice PAYMENTS');
    expect(log).toContain('raw/keep.txt:\nnot ${{ rendered }}');
    expect(log).toContain('kafka.yaml');
    expect(log).toContain('item a of payments with ***');
    expect(log).toContain('item b of payments with ***');
  });

  it('leaves out a file whose name renders empty, and an output link whose `if` is false', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/basic', values: { name: 'quiet', kafka: false }, secrets: {} });
    await runTask(id);
    const log = (await messages(id)).join('\n');
    expect(log).toContain('Skipping');
    expect(log).not.toContain('kafka.yaml:');
    expect((await getTask(actor, id)).output).toEqual({
      links: [{ title: 'Repository', url: 'https://example.test/quiet' }],
      text: [{ title: 'Kafka', content: false }],
    });
  });

  it('validates only the parameter pages a submission shows (`when`), and drops the values of hidden ones', async () => {
    const values = { name: 'svc', cloudProvider: 'GCP', gcpProjectId: 'p-1', awsRegion: 'us-east-1' };
    const { id } = await createTask(actor, { templateRef: 'template:default/cloud', values, secrets: {} });
    expect((await getTask(actor, id)).values).toEqual({ name: 'svc', cloudProvider: 'GCP', gcpProjectId: 'p-1' });
    await runTask(id);
    expect((await messages(id)).join('\n')).toContain('svc on GCP in ');
    await expect(
      createTask(actor, { templateRef: 'template:default/cloud', values: { name: 'svc', cloudProvider: 'AWS' }, secrets: {} }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', details: { fieldErrors: [{ field: 'awsRegion', message: 'AWS Region is required' }] } });
  });

  it('runs a template with no parameters', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/no-form', values: {}, secrets: {} });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('completed');
    expect(await messages(id)).toContain('no form needed');
  });

  it('never stores or logs a secret', async () => {
    const { id } = await createTask(actor, {
      templateRef: 'template:default/basic',
      values: { name: 'secretive', token: 'tok-SECRET-456' },
      secrets: { extra: 'other-SECRET-789' },
    });
    await runTask(id);
    const dump = JSON.stringify(
      await t.db.prisma.scaffolderTask.findUnique({ where: { id }, include: { steps: true, events: true } }),
      (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v),
    );
    for (const value of ['tok-SECRET-456', 'other-SECRET-789']) {
      expect(dump).not.toContain(value);
      expect(dump).not.toContain(Buffer.from(value).toString('base64'));
    }
    expect(dump).toMatch(/"secretNames":\["(extra","token|token","extra)"\]/);
    expect((await messages(id)).join('\n')).toContain('with ***');
  });

  it('refuses parameters that break the schema, naming each field', async () => {
    await expect(
      createTask(actor, { templateRef: 'template:default/basic', values: { name: 'Bad Name', kafka: 'yes' }, secrets: {} }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      details: {
        fieldErrors: [
          { field: 'name', message: 'lower-case letters, digits and dashes' },
          { field: 'kafka', message: 'kafka must be boolean' },
        ],
      },
    });
    await expect(createTask(actor, { templateRef: 'template:default/nope', values: {}, secrets: {} })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('keeps every path inside the workspace and reads only the template folder', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/evil', values: { name: 'x' }, secrets: {} });
    await runTask(id);
    const task = await getTask(actor, id);
    expect(task.status).toBe('failed');
    expect((await messages(id)).join('\n')).toMatch(/leaves the task's workspace/);
    expect(fs.existsSync(path.join(dataDir, 'scaffolder', 'escaped.txt'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'escaped.txt'))).toBe(false);
  });

  it("reads a portal-made template's files from no folder: the location it claims is refused, and not believed when stored", async () => {
    const steps = `    - id: grab
      action: fetch:plain:file
      input: { url: ./skeleton/README.md, targetPath: loot.md }
`;
    const claim = `  annotations:\n    backstage.io/managed-by-location: file:${path.join(cfg.dir, 'basic', 'template.yaml')}\n`;
    const claiming = template('claims', steps).replace('  title: 테스트 claims\n', (line) => line + claim);
    await expect(saveManagedEntity(claiming)).rejects.toThrow(
      'metadata.annotations["backstage.io/managed-by-location"] is written by the catalog for what it reads from a location; remove it (an entity made in the portal has no location)',
    );
    // One stored with the claim (as a portal-made entity could be before it was refused) reads nothing beside it.
    const { ref } = await saveManagedEntity(template('claims', steps));
    const row = await t.db.prisma.entity.findUniqueOrThrow({ where: { ref } });
    const body = row.body as { metadata: Record<string, unknown> };
    const annotations = { 'backstage.io/managed-by-location': `file:${path.join(cfg.dir, 'basic', 'template.yaml')}` };
    await t.db.prisma.entity.update({ where: { ref }, data: { body: { ...body, metadata: { ...body.metadata, annotations } } } });
    const { id } = await createTask(actor, { templateRef: ref, values: { name: 'x' }, secrets: {} });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('failed');
    expect((await messages(id)).join('\n')).toContain(
      '"./skeleton/README.md" is relative, but this template has no location to resolve it against; use an absolute URL',
    );
  });
});

describe('the log of a task', () => {
  it('keeps 4 MiB of log lines in all, says where it was cut, and runs the task to its end', async () => {
    const values = { line: 'x'.repeat(64_000), items: Array.from({ length: 80 }, (_, i) => i) };
    const { id } = await createTask(actor, { templateRef: 'template:default/chatty', values, secrets: {} });
    await runTask(id);
    const task = await getTask(actor, id);
    expect(task.status).toBe('completed');
    expect(task.steps.map((s) => s.status)).toEqual(['completed', 'completed']);
    const log = await messages(id);
    const bytes = log.reduce((n, m) => n + Buffer.byteLength(m), 0);
    expect(bytes).toBeLessThan(4 * 1024 * 1024 + 1_000);
    expect(log.filter((m) => m.startsWith('The log was cut at'))).toEqual([
      "The log was cut at 4,194,304 bytes (a task's log keeps 4 MiB): later lines are not stored; the task goes on",
    ]);
    expect(log).not.toContain('still running');
    expect(log.at(-1)).toBe('Task completed');

    // A retry's lines count with the earlier runs': the log keeps its 4 MiB in all.
    await t.db.prisma.scaffolderTask.update({ where: { id }, data: { status: 'failed' } });
    await t.db.prisma.scaffolderTaskStep.updateMany({ where: { taskId: id }, data: { status: 'failed' } });
    await retryTask(actor, id, { secrets: {} });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('completed');
    const again = (await messages(id)).slice(log.length);
    expect(again.filter((m) => m.startsWith('The log was cut at'))).toHaveLength(1);
    expect(again.at(-1)).toBe('Task completed');
    expect([...log, ...again].reduce((n, m) => n + Buffer.byteLength(m), 0)).toBeLessThan(4 * 1024 * 1024 + 1_000);
  });
});

describe('failure, retry, cancel and restart', () => {
  it('retries a failed task from the failed step', async () => {
    fs.rmSync(path.join(cfg.dir, 'flaky', 'extra.txt'), { force: true });
    const { id } = await createTask(actor, { templateRef: 'template:default/flaky', values: { name: 'retry-me' }, secrets: {} });
    await runTask(id);
    let task = await getTask(actor, id);
    expect(task.status).toBe('failed');
    expect(task.steps.map((s) => s.status)).toEqual(['completed', 'failed', 'pending']);
    expect((await messages(id)).at(-1)).toMatch(/^Task failed at step extra: .*extra\.txt does not exist/);

    write('flaky/extra.txt', 'now here\n');
    await retryTask(actor, id, { secrets: {} });
    await runTask(id);
    task = await getTask(actor, id);
    expect(task.status).toBe('completed');
    const log = await messages(id);
    expect(log.filter((m) => m === 'first step')).toHaveLength(1);
    expect(log.join('\n')).toContain('extra.txt:\nnow here');
  });

  it('cancels a running task', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/slow', values: { name: 'slow' }, secrets: {} });
    const running = runTask(id);
    await new Promise((r) => setTimeout(r, 300));
    const started = Date.now();
    await cancelTask(actor, id);
    await running;
    expect(Date.now() - started).toBeLessThan(3_000);
    const task = await getTask(actor, id);
    expect(task.status).toBe('cancelled');
    expect(task.steps[0].status).toBe('cancelled');
    await expect(cancelTask(actor, id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('resumes a task whose instance stopped mid-step, after its last completed step', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/flaky', values: { name: 'resumed' }, secrets: {} });
    // As a crash leaves it: first step done, second cut off, the lease of a stopped instance.
    await t.db.prisma.scaffolderTaskStep.update({
      where: { taskId_stepId: { taskId: id, stepId: 'first' } },
      data: { status: 'completed', output: {} },
    });
    await t.db.prisma.scaffolderTaskStep.update({
      where: { taskId_stepId: { taskId: id, stepId: 'extra' } },
      data: { status: 'processing' },
    });
    await t.db.prisma.scaffolderTask.update({
      where: { id },
      data: { status: 'processing', runnerId: 'stopped-host:1:x', heartbeatAt: new Date(Date.now() - 5_000), startedAt: new Date() },
    });
    // A live lease is left alone.
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('processing');
    await t.db.prisma.scaffolderTask.update({ where: { id }, data: { heartbeatAt: new Date(Date.now() - 60_000) } });
    // The recovery job (at start and every minute) finds it and queues it again.
    expect(await recoverTasks()).toContain(id);
    await runTask(id);
    const task = await getTask(actor, id);
    expect(task.status).toBe('completed');
    const log = await messages(id);
    expect(log.join('\n')).toMatch(/Resumed after the server running this task stopped; continuing at step extra/);
    expect(log).not.toContain('first step');
  });

  it('fails clearly when the secrets of a resumed task were lost with its instance', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/flaky', values: { name: 'lost' }, secrets: {} });
    await t.db.prisma.scaffolderTask.update({
      where: { id },
      data: { secretNames: ['token'], status: 'processing', runnerId: 'gone', heartbeatAt: new Date(0) },
    });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('failed');
    expect((await messages(id)).at(-1)).toMatch(/secrets \(token\) were kept only in the memory .* Retry the task and enter them again/);
    await expect(retryTask(actor, id, { secrets: {} })).rejects.toThrow(/needs its secrets again .*token/);
  });

  it('hides a task from other members', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/flaky', values: { name: 'mine' }, secrets: {} });
    const other: Actor = { ...actor, id: 'user:u2', userRef: 'user:default/joe' };
    await expect(getTask(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(cancelTask(other, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(getTask({ ...other, roles: ['admin', 'member'] }, id)).resolves.toMatchObject({ id });
  });
});

describe('secrets of a task', () => {
  it('masks a secret in step outputs and in the output rendered from them', async () => {
    const { id } = await createTask(actor, { templateRef: 'template:default/echo', values: { token: SECRET }, secrets: {} });
    await runTask(id);
    // As GET /api/scaffolder/v2/tasks/:id answers it (to the template's leads too).
    const response = toTaskResponse(await getTask(actor, id));
    expect(response.status).toBe('completed');
    expect(response.output).toEqual({ text: [{ title: 'Registered', content: '***' }] });
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(await stored(id)).not.toContain(SECRET);
  });

  it('keeps no secret in the saved workspace: none once completed, cut out while a failed task waits for its retry', async () => {
    fs.rmSync(path.join(cfg.dir, 'npmrc', 'extra.txt'), { force: true });
    const { id } = await createTask(actor, { templateRef: 'template:default/npmrc', values: { token: SECRET }, secrets: {} });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('failed');
    // What the retry needs is kept, without the secret.
    expect(await savedWorkspace(id)).toBe('.npmrc://registry.example/:_authToken=\n');
    expect(await stored(id)).not.toContain(SECRET);

    write('npmrc/extra.txt', 'extra\n');
    await retryTask(actor, id, { secrets: { token: SECRET } });
    await runTask(id);
    expect((await getTask(actor, id)).status).toBe('completed');
    // The secret entered again is back in the file (the log masks it).
    expect((await messages(id)).join('\n')).toContain('.npmrc:\n//registry.example/:_authToken=***');
    expect(await savedWorkspace(id)).toBeNull();
    expect(await stored(id)).not.toContain(SECRET);
  });

  it('takes a Secret field nested in an object out of the parameters; the template reads it by its name', async () => {
    const { id } = await createTask(actor, {
      templateRef: 'template:default/nested',
      values: { registry: { host: 'registry.example', password: SECRET } },
      secrets: {},
    });
    await runTask(id);
    const response = toTaskResponse(await getTask(actor, id));
    expect(response.spec.parameters).toEqual({ registry: { host: 'registry.example' } });
    expect(response.secretNames).toEqual(['password']);
    expect((await messages(id)).join('\n')).toContain('logging in to registry.example with ***');
    expect(await stored(id)).not.toContain(SECRET);
  });
});

describe('the task list', () => {
  it('shows each person the tasks they may see: their own, their groups’ templates’ runs to a lead, every task to an admin', async () => {
    const file = path.join(cfg.dir, 'owned-by-team-a.yaml');
    fs.writeFileSync(
      file,
      template('owned-by-team-a', '    - { id: log, action: debug:log, input: { message: hi } }\n', '  owner: team-a\n'),
    );
    await registerLocation({ type: 'file', target: file });
    const bob: Actor = { ...actor, id: 'user:u2', name: 'Bob', login: 'bob', userRef: 'user:default/bob' };
    const lead: Actor = {
      ...actor,
      id: 'user:u3',
      name: 'Lea',
      login: 'lea',
      userRef: 'user:default/lea',
      leadOf: ['group:default/team-a'],
    };
    const admin: Actor = { ...actor, id: 'user:u4', name: 'Ada', login: 'ada', userRef: 'user:default/ada', roles: ['admin', 'member'] };
    const { id } = await createTask(bob, { templateRef: 'template:default/owned-by-team-a', values: { name: 'bobs' }, secrets: {} });
    const ids = async (who: Actor, createdBy?: string[]) =>
      (await listTasks(who, { scope: 'visible', createdBy, limit: 500 })).tasks.map((t) => t.id);

    expect(await ids(bob)).toEqual([id]);
    expect(await ids(lead)).toEqual([id]);
    // Which of the lead's groups owns each run's template.
    expect((await listTasks(lead, { scope: 'visible' })).tasks.map((t) => t.templateOwner)).toEqual(['group:default/team-a']);
    expect(await ids(lead, ['user:default/bob'])).toEqual([id]);
    const janes = await ids(actor);
    expect(janes.length).toBeGreaterThan(0);
    expect(janes).not.toContain(id);
    expect(await ids(bob, ['user:default/jane'])).toEqual([]);
    const everyone = await listTasks(admin, { scope: 'visible', limit: 500 });
    expect(everyone.total).toBe(janes.length + 1);
    expect(everyone.tasks.map((t) => t.id)).toEqual(expect.arrayContaining([id, ...janes]));
  });
});
