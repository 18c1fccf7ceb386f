import { describe, expect, it } from 'vitest';
import { formPages } from './form-schema';

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
