import { describe, expect, it } from 'vitest';
import { formPages, reviewRows } from './form-schema';

describe('formPages', () => {
  it('moves ui: keys of fields, branches and items into the uiSchema', () => {
    const [page] = formPages([
      {
        title: 'Service',
        required: ['name'],
        'ui:order': ['name', '*'],
        properties: {
          name: { type: 'string', 'ui:autofocus': true },
          tags: { type: 'array', items: { type: 'string', 'ui:widget': 'textarea' } },
        },
        dependencies: { kafka: { oneOf: [{ properties: { topic: { type: 'string', 'ui:help': 'topic name' } } }] } },
      },
    ]);
    expect(page.title).toBe('Service');
    expect(page.schema).toEqual({
      required: ['name'],
      properties: { name: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } },
      dependencies: { kafka: { oneOf: [{ properties: { topic: { type: 'string' } } }] } },
    });
    expect(page.uiSchema).toEqual({
      'ui:order': ['name', '*'],
      name: { 'ui:autofocus': true },
      tags: { items: { 'ui:widget': 'textarea' } },
      topic: { 'ui:help': 'topic name' },
    });
  });

  it('keeps a page’s `when` beside its schema, not in it', () => {
    const [always, aws] = formPages([
      { title: 'Provider', properties: { cloud: { type: 'string' } } },
      { title: 'AWS', when: "${{ parameters.cloud === 'AWS' }}", properties: { region: { type: 'string' } } },
    ]);
    expect(always).not.toHaveProperty('when');
    expect(aws.when).toBe("${{ parameters.cloud === 'AWS' }}");
    expect(aws.schema).toEqual({ properties: { region: { type: 'string' } } });
  });
});

describe('reviewRows', () => {
  // The review shows what Backstage's review (scaffolder-react ReviewState) shows: a password
  // widget's value masked, `ui:backstage: { review: { mask } }` as the mask, `review: { show: false }`
  // not at all, and an enum value by its enumNames label.
  it('masks a password widget, as Backstage does, instead of showing what was typed', () => {
    // backstage/backstage sample-templates/bui-kitchen-sink-demo/template.yaml, page "Basic widgets" (trimmed)
    const [page] = formPages([
      {
        title: 'Basic widgets',
        required: ['name'],
        properties: {
          name: { title: 'Name', type: 'string', 'ui:autofocus': true },
          password: { title: 'Password', type: 'string', 'ui:widget': 'password', description: 'Uses the password widget' },
        },
      },
    ]);
    expect(reviewRows(page, { name: 'payments', password: 'hunter2' }, [])).toEqual([
      { key: 'name', title: 'Name', value: 'payments' },
      { key: 'password', title: 'Password', value: '••••••' },
    ]);
  });

  it('shows an enum value by its label', () => {
    // backstage/demo demo-template/template/template.yaml, field "mode" (trimmed)
    const [page] = formPages([
      {
        title: 'Answer some questions',
        properties: {
          mode: {
            title: 'What do you prefer: Light or Dark mode?',
            type: 'string',
            'ui:widget': 'radio',
            enum: ['light', 'dark'],
            enumNames: ['Light', 'Dark'],
          },
        },
      },
    ]);
    expect(reviewRows(page, { mode: 'dark' }, [])).toEqual([
      { key: 'mode', title: 'What do you prefer: Light or Dark mode?', value: 'Dark' },
    ]);
  });

  it('leaves out or masks a field as its ui:backstage review options say', () => {
    // Backstage's docs (software-templates/input-examples, "Masking and hiding values on the review step")
    const [page] = formPages([
      {
        title: 'Review options',
        properties: {
          masked: { title: 'Masked', type: 'string', 'ui:backstage': { review: { mask: '<some-value-to-show>' } } },
          hidden: { title: 'Hidden', type: 'string', 'ui:backstage': { review: { show: false } } },
        },
      },
    ]);
    expect(reviewRows(page, { masked: 'secret-ish', hidden: 'internal-id' }, [])).toEqual([
      { key: 'masked', title: 'Masked', value: '<some-value-to-show>' },
    ]);
  });
});
