import { describe, expect, it } from 'vitest';
import { validateParameters, splitSecrets } from './parameters';
import { parseTemplateYaml } from './template';

const yaml = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: demo
  title: 데모
spec:
  type: service
  owner: group:default/platform
  parameters:
    - title: Service
      required: [name]
      properties:
        name:
          type: string
          pattern: '^[a-z][a-z0-9-]*$'
          errorMessage:
            pattern: use lower-case letters, digits and dashes
        token:
          type: string
          ui:field: Secret
  steps:
    - id: fetch
      action: fetch:template
    - id: fetch
      action: nope:action
`;

describe('parseTemplateYaml', () => {
  it('locates template errors at line and column', () => {
    const { errors } = parseTemplateYaml(yaml, 'template.yaml', new Set(['fetch:template']));
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message.split(' at ')[0]}`)).toEqual([
      '24:11 step id "fetch" is used twice; step ids must be unique',
      '25:15 unknown action "nope:action"; see GET /api/scaffolder/v2/actions for the actions this portal has',
    ]);
  });

  it('locates YAML syntax errors', () => {
    const { errors } = parseTemplateYaml('apiVersion: x\nkind: [oops\n', 'bad.yaml');
    expect(errors[0]).toMatchObject({ file: 'bad.yaml', line: expect.any(Number), column: expect.any(Number) });
  });

  it('reads a valid template with pages as a list', () => {
    const { template, errors } = parseTemplateYaml(
      yaml.replace('    - id: fetch\n      action: nope:action\n', ''),
      't.yaml',
      new Set(['fetch:template']),
    );
    expect(errors).toEqual([]);
    expect(template).toMatchObject({
      ref: 'template:default/demo',
      title: '데모',
      spec: { steps: [{ id: 'fetch', action: 'fetch:template' }] },
    });
    expect(template!.spec.parameters).toHaveLength(1);
  });

  const withStepId = (id: string) =>
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ids
spec:
  type: service
  parameters: []
  steps:
    - id: ${id}
      action: fetch:template
`;

  it.each(['fetch.base', 'fetch base', 'publish:github', '1'])('takes any step id, as Backstage does: %j', (id) => {
    const { template, errors } = parseTemplateYaml(withStepId(JSON.stringify(id)), 't.yaml', new Set(['fetch:template']));
    expect(errors).toEqual([]);
    expect(template!.spec.steps[0].id).toBe(id);
  });

  it.each(['constructor', '__proto__', 'prototype'])('refuses the step id %s, a name expressions cannot read', (id) => {
    const { errors } = parseTemplateYaml(withStepId(id), 't.yaml', new Set(['fetch:template']));
    expect(errors.map((e) => `${e.line}:${e.column} ${e.message.split(' at ')[0]}`)).toEqual([
      `9:11 step id "${id}" is a reserved name that expressions cannot read; choose another id`,
    ]);
  });
});

describe('validateParameters', () => {
  const pages = [
    {
      required: ['name'],
      properties: {
        name: { type: 'string', title: 'Name', pattern: '^[a-z]+$', errorMessage: { pattern: 'lower-case only' } },
        java: { type: 'integer', enum: [17, 21] },
      },
    },
    {
      properties: { kafka: { type: 'boolean' } },
      if: { properties: { kafka: { const: true } }, required: ['kafka'] },
      then: { required: ['topic'] },
    },
  ];
  it('names each bad field with the template message where given', () => {
    expect(validateParameters(pages, { name: 'Bad Name', java: 11, kafka: true })).toEqual([
      { field: 'name', message: 'lower-case only' },
      { field: 'java', message: 'java must be one of 17, 21' },
      { field: 'topic', message: 'topic is required' },
    ]);
    expect(validateParameters(pages, {})).toEqual([{ field: 'name', message: 'Name is required' }]);
    expect(validateParameters(pages, { name: 'ok', java: 21, kafka: false })).toEqual([]);
  });

  it('stops a template pattern that backtracks exponentially, says so, and still checks every other field', () => {
    const page = {
      properties: {
        name: { type: 'string', title: 'Name', pattern: '^(a+)+$', errorMessage: { pattern: 'only a' } },
        tags: { type: 'array', items: { type: 'string', pattern: '^([a-z]+-?)+$' } },
        slug: { type: 'string', title: 'Slug', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      },
    };
    const started = performance.now();
    const errors = validateParameters([page], {
      name: `${'a'.repeat(40)}!`,
      tags: Array(1000).fill(`${'a'.repeat(40)}!`),
      slug: 'Not A Slug',
    });
    // Unbounded, the name alone takes minutes (each character more doubles it) and each tag as long.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(errors).toContainEqual({
      field: 'name',
      message:
        "Name could not be checked against ^(a+)+$ in time: the template's pattern can take exponential time; ask its owner to simplify it",
    });
    expect(errors.filter((e) => e.field.startsWith('tags.')).length).toBe(1000);
    // What the spent budget left unchecked is not accepted either.
    expect(errors).toContainEqual({
      field: 'slug',
      message: "Slug was not checked against ^[a-z0-9]+(-[a-z0-9]+)*$: checking the other fields' patterns took too long",
    });
    // The next validation has its own budget: patterns are checked again.
    expect(validateParameters([page], { name: 'aaa', tags: ['a-b'], slug: 'a-slug' })).toEqual([]);
    expect(validateParameters([page], { name: 'aab' })).toEqual([{ field: 'name', message: 'only a' }]);
  });

  it('moves Secret fields out of the parameters', () => {
    expect(splitSecrets([{ properties: { token: { type: 'string', 'ui:field': 'Secret' } } }], { name: 'x', token: 'hunter2' })).toEqual({
      values: { name: 'x' },
      secrets: { token: 'hunter2' },
    });
  });
});
