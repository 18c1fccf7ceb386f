import { describe, expect, it } from 'vitest';
import { buttonLabelsOf, parseTemplateYaml } from './template';

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
      '25:15 this portal has no action "nope:action" (Create → Installed actions, /create/actions, lists those it has): replace the step with one of them, or remove it',
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

describe('buttonLabelsOf', () => {
  it("reads Backstage's spec.presentation.buttonLabels, leaving out what is not text", () => {
    const spec = (presentation: unknown) => ({ steps: [], parameters: [], presentation });
    expect(buttonLabelsOf(spec({ buttonLabels: { reviewButtonText: 'Check', createButtonText: 'Go' } }))).toEqual({
      reviewButtonText: 'Check',
      createButtonText: 'Go',
    });
    expect(buttonLabelsOf(spec(undefined))).toEqual({});
    expect(buttonLabelsOf(spec({ buttonLabels: { backButtonText: 3 } }))).toEqual({});
  });
});
