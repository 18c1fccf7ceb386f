import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseEntityRef } from '@backstage/catalog-model';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRepoUrl, projectSlug } from '../model/repo-url';
import { TEMPLATE_FILTERS } from '../model/templating-extensions';
import { Templater, type RenderOptions } from './templater';

// Backstage 4.3 renders templates with nunjitsu 0.7.0; Wayfinder with Nunjucks 3.2.4 in a QuickJS
// sandbox, shaped to nunjitsu's behaviour. Here the real nunjitsu (tests/fixtures/nunjitsu-0.7.0,
// its npm build, which runs on Node 20) renders the same templates as the sandbox, configured as
// Backstage's NunjucksWorkflowRunner and fetch:template configure it, and the two must agree: the
// same value, or both refuse the template (the messages differ; each engine words its own).

type Nunjitsu = typeof import('../../../tests/fixtures/nunjitsu-0.7.0/index.cjs');
const requireHere = createRequire(import.meta.url);
const { createTemplateRenderer } = requireHere('../../../tests/fixtures/nunjitsu-0.7.0/index.cjs') as Nunjitsu;
// Backstage's pick filter is lodash's get, from the lodash its catalog model depends on.
const lodashGet = createRequire(requireHere.resolve('@backstage/catalog-model'))('lodash/get') as (...args: unknown[]) => unknown;

// Backstage's four filters (createDefaultFilters): pick and parseEntityRef are Backstage's own
// functions; parseRepoUrl and projectSlug are Wayfinder's (Backstage's need its integrations), so
// for those two this checks how the sandbox hands values across.
const BACKSTAGE_FILTERS = {
  pick: lodashGet,
  parseEntityRef: (ref: unknown, context?: unknown) => parseEntityRef(ref as string, context as { defaultKind?: string }),
  parseRepoUrl: (url: unknown) => parseRepoUrl(String(url)),
  projectSlug: (url: unknown) => projectSlug(String(url)),
} as unknown as Record<string, (...args: unknown[]) => never>;

const parameters = {
  name: 'my-service',
  owner: 'group:default/team-a',
  n: 3,
  f: 2.5,
  flag: true,
  no: false,
  empty: '',
  list: ['a', 'b', 'c'],
  nums: [3, 1, 2],
  obj: { a: 1, b: 'x', c: [1, 2], 'd.e': 'dotted' },
  nul: null,
  repoUrl: 'github.com?owner=acme&repo=svc',
  text: 'Hello World  foo',
  html: '<b>x</b> & "q"',
  people: [
    { name: 'a', age: 3 },
    { name: 'b', age: 1 },
    { name: 'c', age: 3 },
  ],
  str5: '5',
  strf: '2.50',
  url: 'http://x.com/a b',
};
const valueContext = {
  parameters,
  user: { entity: { metadata: { name: 'priya' } }, ref: 'user:default/priya' },
  steps: { fetch: { output: { a: 1 } }, 'fetch.base': { output: { x: 1 } } },
};

type Outcome = { value: unknown } | { refused: true };
function outcome(render: () => unknown): Outcome {
  try {
    return { value: render() };
  } catch {
    return { refused: true };
  }
}

// One sandbox, replaced after a refusal (a failed render rebuilds its runtime, and a sandbox
// gives up after 20 of those).
let sandbox: Templater | undefined;
async function withSandbox(render: (t: Templater) => unknown): Promise<Outcome> {
  sandbox ??= await Templater.create({ totalMs: 600_000 });
  const t = sandbox;
  const result = outcome(() => render(t));
  if ('refused' in result) {
    t.dispose();
    sandbox = undefined;
  }
  return result;
}
afterAll(() => sandbox?.dispose());

/** What the sandbox and nunjitsu answer, when they differ. */
async function difference(ours: (t: Templater) => unknown, theirs: () => unknown): Promise<string | undefined> {
  const a = JSON.stringify(await withSandbox(ours));
  const b = JSON.stringify(outcome(theirs));
  return a === b ? undefined : `Wayfinder: ${a}\n  nunjitsu:  ${b}`;
}

// Expressions as step inputs, `if`, `each` and a page's `when` write them, and files as
// fetch:template renders them (a skeleton's content and its file names).
const CORPUS = Object.fromEntries(
  fs
    .readFileSync(path.join(import.meta.dirname, 'nunjitsu-differential.txt'), 'utf8')
    .split(/^## /m)
    .slice(1)
    .map((section) => [section.slice(0, section.indexOf('\n')), section.slice(section.indexOf('\n') + 1).replace(/\n$/, '')]),
);
const EXPRESSIONS = CORPUS.expressions
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => line.replaceAll('\\n', '\n'));
const FILES = CORPUS.files.split('\n-----\n');

const values = {
  name: 'my-service',
  owner: 'team-a',
  list: ['a', 'b', 'a'],
  flag: true,
  no: false,
  n: 3,
  obj: { a: 1, b: 'x' },
  desc: 'A "quoted" <thing>',
};
const RENDER_OPTIONS: RenderOptions[] = [
  {},
  { trimBlocks: true },
  { lstripBlocks: true },
  { trimBlocks: true, lstripBlocks: true },
  { cookiecutterCompat: true },
  { cookiecutterCompat: true, trimBlocks: true, lstripBlocks: true },
];

describe('Wayfinder’s template sandbox renders as Backstage 4.3’s nunjitsu does', () => {
  const nunjitsu = createTemplateRenderer({ allowRegexExecution: true, filters: BACKSTAGE_FILTERS });
  /** nunjitsu as fetch:template makes it. */
  const fileRenderer = (options: RenderOptions) =>
    createTemplateRenderer({ allowRegexExecution: true, filters: BACKSTAGE_FILTERS, ...options });

  it.each(['json', 'none'] as const)(
    'values (coercion %s): the same value, or both refuse',
    async (coercion) => {
      const differences: string[] = [];
      for (const template of EXPRESSIONS) {
        const differs = await difference(
          (t) => t.renderValue(template, valueContext, { coercion }),
          () => nunjitsu.renderValue(template, valueContext as never, { coercion }),
        );
        if (differs) differences.push(`${template}\n  ${differs}`);
      }
      expect(differences.join('\n')).toBe('');
    },
    120_000,
  );

  it.each(RENDER_OPTIONS.map((o) => [JSON.stringify(o), o] as const))(
    'files (fetch:template %s): the same text, or both refuse',
    async (_, options) => {
      const renderer = fileRenderer(options);
      const context = options.cookiecutterCompat ? { cookiecutter: values } : { values };
      const differences: string[] = [];
      for (const template of FILES) {
        const differs = await difference(
          (t) => t.render(template, context, options),
          () => renderer.render(template, context as never),
        );
        if (differs) differences.push(`${template}\n  ${differs}`);
      }
      expect(differences.join('\n')).toBe('');
    },
    120_000,
  );

  it('renders every skeleton file of the example templates alike', async () => {
    const root = path.join(import.meta.dirname, '../../../examples/templates');
    const files = fs
      .readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.split(path.sep).some((part) => part.startsWith('skeleton')) && fs.statSync(path.join(root, f)).isFile());
    expect(files.length).toBeGreaterThan(20);
    const answers = {
      ...values,
      component_id: 'payments-api',
      description: 'Pays',
      destination: { owner: 'acme', repo: 'payments-api' },
      http_port: 8080,
    };
    const renderers = [{}, { cookiecutterCompat: true }].map((options) => [options, fileRenderer(options)] as const);
    const differences: string[] = [];
    for (const file of files) {
      const template = fs.readFileSync(path.join(root, file), 'utf8');
      for (const [options, renderer] of renderers) {
        const context = options.cookiecutterCompat ? { cookiecutter: answers } : { values: answers };
        const differs = await difference(
          (t) => t.render(template, context, options),
          () => renderer.render(template, context as never),
        );
        if (differs) differences.push(`${file} ${JSON.stringify(options)}`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('tries every filter the templating extensions page documents', () => {
    const all = [...EXPRESSIONS, ...FILES].join('\n');
    const untried = Object.keys(TEMPLATE_FILTERS).filter((name) => !new RegExp(`\\| ${name}\\b`).test(all));
    expect(untried).toEqual([]);
  });
});
