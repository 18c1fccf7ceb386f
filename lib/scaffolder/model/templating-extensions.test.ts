import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Templater } from '../sandbox/templater';
import {
  filterSignature,
  functionSignature,
  TEMPLATE_FILTERS,
  TEMPLATE_GLOBAL_FUNCTIONS,
  type ExtensionExample,
} from './templating-extensions';

let t: Templater;
beforeAll(async () => {
  t = await Templater.create();
}, 30_000);
afterAll(() => t.dispose());

const examples = (docs: Record<string, { examples: ExtensionExample[] }>) =>
  Object.entries(docs).flatMap(([name, doc]) => doc.examples.map((e) => [name, e.expression, e] as const));

describe('every documented example gives the output it shows', () => {
  it.each([...examples(TEMPLATE_FILTERS), ...examples(TEMPLATE_GLOBAL_FUNCTIONS)])('%s: %s', (_name, expression, e) => {
    // As a step input renders it (Backstage 4.3's coercion: a lone expression is its JSON value).
    expect(t.renderValue(expression, { parameters: e.parameters ?? {} }, { coercion: 'json' })).toEqual(e.output);
  });

  it('uses the filter or function it documents in each example', () => {
    for (const [name, expression] of examples(TEMPLATE_FILTERS)) expect(expression).toMatch(new RegExp(`\\| ${name}\\b`));
    for (const [name, expression] of examples(TEMPLATE_GLOBAL_FUNCTIONS)) expect(expression).toContain(`${name}(`);
  });
});

describe('signatures', () => {
  it.each([
    ['replace', 'value | replace(old, new, count?)'],
    ['parseRepoUrl', 'value | parseRepoUrl'],
    ['default', 'value | default(value, boolean?)'],
  ])('%s', (name, signature) => {
    expect(filterSignature(name, TEMPLATE_FILTERS[name])).toBe(signature);
  });

  it('writes a global function as it is called', () => {
    expect(functionSignature('range', TEMPLATE_GLOBAL_FUNCTIONS.range)).toBe('range(start?, stop, step?)');
  });
});
