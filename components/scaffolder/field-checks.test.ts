import { createErrorHandler, toErrorList, unwrapErrorHandler } from '@rjsf/utils';
import { describe, expect, it } from 'vitest';
import { pickerFieldErrors, pickerValidator } from './field-checks';
import { formPages } from './form-schema';

// A first page as the Node.js service template's, and a repository page as the documentation site's.
const [page] = formPages([
  {
    title: 'About',
    required: ['name'],
    properties: {
      name: { title: 'Name', type: 'string', 'ui:field': 'EntityNamePicker' },
      repoUrl: { title: 'Repository location', type: 'string', 'ui:field': 'RepoUrlPicker' },
      plain: { type: 'string' },
      nested: { type: 'object', properties: { target: { type: 'string', 'ui:field': 'RepoUrlPicker' } } },
    },
    dependencies: { plain: { properties: { mirror: { title: 'Mirror', type: 'string', 'ui:field': 'RepoUrlPicker' } } } },
  },
]);

const check = (formData: Record<string, unknown>) => pickerFieldErrors(page.schema, page.uiSchema, formData);

describe('picker field checks', () => {
  it.each([
    // Backstage's EntityNamePicker: KubernetesValidatorFunctions.isValidObjectName.
    ['payments-api', []],
    ['Payments_API.v2', []],
    ['a'.repeat(63), []],
    ['Bad Name!', ['Name must start and end with a letter or digit']],
    ['-leading', ['Name must start and end']],
    ['trailing.', ['Name must start and end']],
    ['a'.repeat(64), ['Name must start and end']],
  ])('EntityNamePicker %j', (name, messages) => {
    expect(check({ name }).map((e) => e.message.slice(0, messages[0]?.length))).toEqual(messages);
  });

  it.each([
    ['github.com?owner=acme&repo=docs', []],
    ['github.com?owner=acme', ['Repository location is incomplete: enter the repository']],
    ['github.com?repo=docs', ['Repository location is incomplete: enter the owner']],
    ['github.com?', ['Repository location is incomplete: enter the owner and repository']],
  ])('RepoUrlPicker %s', (repoUrl, messages) => {
    expect(check({ repoUrl }).map((e) => e.message)).toEqual(messages);
  });

  it('leaves absent values to required, and finds fields nested or added by a branch', () => {
    expect(check({ plain: 'Any Thing!' })).toEqual([]);
    expect(
      check({ nested: { target: 'github.com?' }, plain: 'x', mirror: 'github.com?owner=acme' }).map((e) => [e.path.join('.'), e.message]),
    ).toEqual([
      ['nested.target', 'nested.target is incomplete: enter the owner and repository'],
      ['mirror', 'Mirror is incomplete: enter the repository'],
    ]);
  });

  it('puts each message under its field for rjsf', () => {
    const formData: Record<string, unknown> = { name: 'Bad Name!', repoUrl: 'github.com?owner=acme' };
    const errors = unwrapErrorHandler(pickerValidator(page.schema, page.uiSchema)(formData, createErrorHandler(formData)));
    expect(toErrorList(errors).map((e) => e.property)).toEqual(['.name', '.repoUrl']);
  });
});
