import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defineAction } from '../actions/types';
import type { TemplateDefinition } from '../model/template';
import { Templater } from '../sandbox/templater';
import { executeSteps, type StepHooks, type StepState } from './execute';

// Steps and output as Backstage 4.3's NunjucksWorkflowRunner runs them (execute, executeStep).

let templater: Templater;
let workspacePath: string;
beforeAll(async () => {
  templater = await Templater.create();
  workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'wf-execute-'));
}, 30_000);
afterAll(async () => {
  templater.dispose();
  await fs.rm(workspacePath, { recursive: true, force: true });
});

let said: string[];
let states: [string, StepState][];
let logged: string[];
beforeEach(() => {
  said = [];
  states = [];
  logged = [];
});

const say = defineAction({
  id: 'test:say',
  description: 'records its message and outputs it',
  input: z.object({ message: z.string() }),
  async handler(ctx) {
    said.push(ctx.input.message);
    ctx.output('said', ctx.input.message);
  },
});

const hooks: StepHooks = {
  onStart: async () => {},
  onEnd: async (step, state) => void states.push([step.id, state]),
  logger: () => ({
    info: (m) => void logged.push(m),
    warn: (m) => void logged.push(m),
    error: (m) => void logged.push(m),
    flush: async () => {},
  }),
  checkpoint: async (_step, _key, fn) => fn(),
};

const shout = defineAction({
  id: 'test:shout',
  description: 'logs its message, outputs it, and fails when asked to',
  input: z.object({ message: z.string(), fail: z.boolean().default(false) }),
  async handler(ctx) {
    said.push(ctx.input.message);
    ctx.logger.info(`Message: ${ctx.input.message}`);
    ctx.output('said', ctx.input.message);
    if (ctx.input.fail) throw new Error(`could not send ${ctx.input.message}`);
  },
});

function run(spec: Partial<TemplateDefinition['spec']>, parameters: Record<string, unknown>, secrets: Record<string, string> = {}) {
  const entity = { apiVersion: 'scaffolder.backstage.io/v1beta3', kind: 'Template', metadata: { name: 't' }, spec: {} };
  const template: TemplateDefinition = {
    ref: 'template:default/t',
    name: 't',
    namespace: 'default',
    title: 't',
    description: null,
    entity,
    spec: { parameters: [], steps: [], ...spec },
  };
  return executeSteps({
    template,
    context: { parameters, steps: {}, user: {}, secrets },
    templater,
    workspacePath,
    actions: new Map([
      [say.id, say],
      [shout.id, shout],
    ]),
    done: new Set(),
    isDryRun: true,
    signal: new AbortController().signal,
    taskId: 'test',
    hooks,
  });
}

describe('output links and text with `if` (helper.filterConditionalItems)', () => {
  // As in Backstage's sample template conditional-output-demo.
  const output = {
    links: [
      { title: 'Repository', url: 'https://example.test/${{ parameters.name }}' },
      { if: '${{ parameters.enableCI === "Yes" }}', title: 'CI', url: 'https://ci.example.test/${{ parameters.name }}' },
      { if: '${{ parameters.tags }}', title: 'Tags', url: 'https://example.test/tags' },
      // Renders to nothing: Backstage drops the key before it filters, so the item stays.
      { if: '${{ parameters.missing }}', title: 'Docs', url: 'https://example.test/docs' },
    ],
    text: [{ if: '${{ parameters.showDetails }}', title: 'Details', content: 'CI: ${{ parameters.enableCI }}' }],
  };

  it('drops the items whose condition is false (an empty list is false), and removes `if` from the rest', async () => {
    expect(await run({ output }, { name: 'svc', enableCI: 'No', showDetails: false, tags: [] })).toEqual({
      state: 'completed',
      output: {
        links: [
          { title: 'Repository', url: 'https://example.test/svc' },
          { title: 'Docs', url: 'https://example.test/docs' },
        ],
        text: [],
      },
    });
    expect(await run({ output }, { name: 'svc', enableCI: 'Yes', showDetails: true, tags: ['a'] })).toEqual({
      state: 'completed',
      output: {
        links: [
          { title: 'Repository', url: 'https://example.test/svc' },
          { title: 'CI', url: 'https://ci.example.test/svc' },
          { title: 'Tags', url: 'https://example.test/tags' },
          { title: 'Docs', url: 'https://example.test/docs' },
        ],
        text: [{ title: 'Details', content: 'CI: Yes' }],
      },
    });
  });

  it('leaves `if` alone in the other outputs', async () => {
    expect(await run({ output: { extra: { if: false, value: 1 } } }, {})).toEqual({
      state: 'completed',
      output: { extra: { if: false, value: 1 } },
    });
  });
});

describe('`if` with `each`', () => {
  const services = [
    { name: 'a', enabled: true },
    { name: 'b', enabled: false },
    { name: 'c', enabled: true },
  ];

  it('is decided for each iteration, with `each` in scope', async () => {
    const result = await run(
      {
        steps: [
          {
            id: 'each',
            action: 'test:say',
            each: '${{ parameters.services }}',
            if: '${{ each.value.enabled }}',
            input: { message: '${{ each.value.name }}' },
          },
          { id: 'after', action: 'test:say', input: { message: '${{ steps.each.output.said | join(",") }}' } },
        ],
      },
      { services },
    );
    expect(result.state).toBe('completed');
    expect(said).toEqual(['a', 'c', 'a,c']);
    expect(states).toEqual([
      ['each', 'completed'],
      ['after', 'completed'],
    ]);
    expect(logged).toContain('Skipping iteration 1 of step each: its condition is false');
  });

  it('skips the whole step when it is false itself, as without `each`', async () => {
    await run(
      { steps: [{ id: 'never', action: 'test:say', each: '${{ parameters.services }}', if: false, input: { message: 'x' } }] },
      { services },
    );
    expect(said).toEqual([]);
    expect(states).toEqual([['never', 'skipped']]);
  });
});

describe('step ids', () => {
  it('may hold a dot: `steps["fetch.base"].output` reads the step’s output', async () => {
    const result = await run(
      {
        steps: [
          { id: 'fetch.base', action: 'test:say', input: { message: 'base' } },
          { id: 'next', action: 'test:say', input: { message: "${{ steps['fetch.base'].output.said }}-next" } },
        ],
      },
      {},
    );
    expect(result.state).toBe('completed');
    expect(said).toEqual(['base', 'base-next']);
  });
});

describe('what a template makes of a secret', () => {
  const secrets = { token: 'ghp-s3cret-Value' };
  const step = (id: string, message: string, fail = false) => ({ id, action: 'test:shout', input: { message, fail } });

  it('is masked in the log, the outputs and the error from then on, and the action still gets it', async () => {
    const result = await run(
      {
        steps: [
          step('upper', '${{ secrets.token | upper }}'),
          step('plain', 'for ${{ parameters.name }}'),
          step('replaced', 'Bearer ${{ secrets.token | replace("-", "_") }}', true),
        ],
        output: { text: [{ title: 'Said', content: '${{ steps.upper.output.said }}' }] },
      },
      { name: 'svc' },
      secrets,
    );
    expect(said).toEqual(['GHP-S3CRET-VALUE', 'for svc', 'Bearer ghp_s3cret_Value']);
    expect(logged).toContain('Message: ***');
    expect(logged).toContain('Message: for svc');
    expect(logged).toContain('Message: Bearer ***');
    expect(logged.join('\n')).not.toMatch(/s3cret/i);
    expect(result).toEqual({ state: 'failed', stepId: 'replaced', error: 'could not send Bearer ***' });
  });

  it('masks the part of a longer text that the template made of a secret, not the rest', async () => {
    const result = await run(
      {
        steps: [step('mixed', '${{ parameters.name }}: ${{ secrets.token | lower }}')],
        output: { said: '${{ steps.mixed.output.said }}' },
      },
      { name: 'svc' },
      secrets,
    );
    expect(result).toEqual({ state: 'completed', output: { said: 'svc: ***' } });
    expect(said).toEqual(['svc: ghp-s3cret-value']);
    // Without secrets nothing is rendered twice and nothing masked.
    said = [];
    expect(
      await run({ steps: [step('mixed', '${{ parameters.name }}')], output: { said: '${{ steps.mixed.output.said }}' } }, { name: 'svc' }),
    ).toEqual({
      state: 'completed',
      output: { said: 'svc' },
    });
  });
});

// An input the action does not read (a Backstage option Wayfinder lacks, or a typo) used to be
// dropped without a word: the step succeeded and did less than the template said.
describe('inputs an action does not read', () => {
  it('are named in a warning, once for a step run with each:', async () => {
    const steps = [
      { id: 'a', name: 'Say', action: 'test:say', input: { message: 'hi', mesage: 'typo', colour: 'red' } },
      { id: 'b', name: 'Say each', action: 'test:say', each: ['x', 'y'], input: { message: '${{ each.value }}', loud: true } },
      { id: 'c', name: 'Say plainly', action: 'test:say', input: { message: 'plain' } },
    ];
    expect((await run({ steps }, {})).state).toBe('completed');
    expect(said).toEqual(['hi', 'x', 'y', 'plain']);
    const warnings = logged.filter((l) => l.includes('does not read'));
    expect(warnings).toEqual([
      'Step Say: test:say does not read input.mesage or input.colour here, so they were left out (/create/actions lists what it reads)',
      'Step Say each: test:say does not read input.loud here, so it was left out (/create/actions lists what it reads)',
    ]);
  });
});
