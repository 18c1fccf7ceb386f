import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/permissions';
import { dryRun, dryRunSchema } from './dry-run';
import { Templater } from './sandbox/templater';

// POST /api/scaffolder/v2/dry-run: any member runs a template of their own in the web process. One
// render is bounded by the sandbox; these are the bounds of the run as a whole.

const member: Actor = { id: 'user:m1', name: 'Mallory', kind: 'user', userRef: null, roles: ['member'], leadOf: [], scope: 'write' };

const template = (each: string, message: string) => `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: hostile
spec:
  type: service
  owner: group:default/team-a
  parameters: []
  steps:
    - id: log
      action: debug:log
      each: '${each}'
      input:
        message: '${message}'
`;

const run = (each: string, message: string) =>
  dryRun(member, { template: template(each, message), values: {}, secrets: {}, directoryContents: [] });

/** A string of 2^n × 16 characters, built in the sandbox in a few milliseconds. */
const doubled = (n: number) => `x{% set s = "xxxxxxxxxxxxxxxx" %}{% for i in range(0, ${n}) %}{% set s = s + s %}{% endfor %}\${{ s }}`;

describe('dry run limits', () => {
  it('cuts each log line as a task does and keeps at most 1,000,000 characters of log', async () => {
    // 20 lines of 8 MiB: 160 MiB held and sent whole before; a few hundred took the process down.
    const result = await run('${{ range(0, 20) }}', doubled(19));
    const lines = result.log.map((l) => l.body.message);
    expect(Math.max(...lines.map((m) => m.length))).toBe(64_000);
    expect(lines.reduce((n, m) => n + m.length, 0)).toBeLessThan(1_100_000);
    expect(lines.at(-1)).toBe('5 more log lines were left out: a dry run keeps 1,000,000 characters of log');
    expect(result.steps).toEqual([{ id: 'log', name: 'log', action: 'debug:log', status: 'completed' }]);
  }, 120_000);

  it('stops an expression that renders more than 10 MiB of text, naming the step', async () => {
    const result = await run('${{ [1] }}', doubled(20));
    expect(result.log.at(-1)?.body).toEqual({
      message:
        'Dry run failed at step log: input.message: template expression stopped: it rendered 16,777,217 characters, and one expression or file may render at most 10,485,760: render less text',
      stepId: 'log',
      status: 'failed',
    });
  }, 120_000);

  it('stops once its renders have taken 10 s in all, naming the step', async () => {
    // A loop that renders in ~0.25 s here: each render is well inside its own 2 s, but `each` repeats
    // it, and the thread serves nothing else while one runs. 80 of them took 20 s; range(0, 10000) hours.
    // 200 of them: five times the budget, so a probe measured on a busier machine than the run still
    // overruns it.
    const probe = await Templater.create();
    probe.render('{% for i in range(0, 1000) %}{% endfor %}', {});
    const t0 = performance.now();
    probe.render('{% for i in range(0, 20000) %}{% endfor %}', {});
    const perIteration = (performance.now() - t0) / 20_000;
    probe.dispose();
    const n = Math.max(10_000, Math.round(250 / perIteration));
    const started = performance.now();
    const result = await run('${{ range(0, 200) }}', `{% for i in range(0, ${n}) %}{% endfor %}tick`);
    const seconds = (performance.now() - started) / 1000;
    expect(result.log.at(-1)?.body.message).toBe(
      'Dry run failed at step log: input.message: template expressions stopped: this run has spent the 10 s that all of its renders may take together; render less (fewer each: items or skeleton files, smaller loops)',
    );
    expect(seconds).toBeLessThan(18);
  }, 180_000);

  it('stops when its request is closed: a debug:wait of 10 minutes holds nothing after the client left', async () => {
    const waiting = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: waits
spec:
  type: service
  parameters: []
  steps:
    - id: wait
      action: debug:wait
      input:
        minutes: 10
    - id: after
      action: debug:log
      input:
        message: never
`;
    const closed = new AbortController();
    setTimeout(() => closed.abort(), 200);
    const started = performance.now();
    const result = await dryRun(member, { template: waiting, values: {}, secrets: {}, directoryContents: [] }, closed.signal);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(result.log.at(-1)?.body).toEqual({
      message: 'Dry run stopped at step wait: the request was closed',
      stepId: 'wait',
      status: 'cancelled',
    });
    expect(result.steps.map((s) => s.status)).toEqual(['cancelled', 'skipped']);
  }, 30_000);

  it('takes a template and values of at most 1 MB each, as the catalog and a task do', () => {
    const issues = (body: unknown) => dryRunSchema.safeParse(body).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const big = 'x'.repeat(1024 * 1024);
    expect(issues({ template: `# ${big}` })).toEqual([
      'template: the template is 1,048,578 bytes; a template may be at most 1,048,576 bytes (1 MB), as in the catalog',
    ]);
    expect(issues({ templateRef: 'template:default/a', values: { big } })).toEqual([
      'values: values and secrets are 1,048,588 bytes as JSON; a dry run takes at most 1,048,576 bytes (1 MB) of them, as a task does: submit fewer or shorter values',
    ]);
    expect(issues({ templateRef: 'template:default/a', values: { name: 'x' } })).toBeUndefined();
  });
});

describe('a dry run without a GitHub integration', () => {
  // The example organisation's config has none: the template editor's dry run still shows every step.
  it('says where a real run would stop and goes on to the later steps', async () => {
    const result = await dryRun(member, {
      template: `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: publish
spec:
  type: service
  steps:
    - id: publish
      action: publish:github
      input: { repoUrl: 'github.com?owner=acme&repo=landing' }
    - id: log
      action: debug:log
      input: { message: 'pushed to \${{ steps.publish.output.remoteUrl }}' }
`,
      values: {},
      secrets: {},
      directoryContents: [],
    });
    const messages = result.log.map((l) => l.body.message);
    expect(messages).toContain(
      'A real run would stop here: No matching integration configuration for host github.com, please check your integrations config (integrations.github in wayfinder.config.yaml)',
    );
    expect(messages).toContain('pushed to https://github.com/acme/landing.git');
    expect(result.steps.map((s) => [s.id, s.status])).toEqual([
      ['publish', 'completed'],
      ['log', 'completed'],
    ]);
  });
});
