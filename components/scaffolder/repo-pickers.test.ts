import type { FieldProps } from '@rjsf/utils';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RepoBranchPicker, RepoOwnerPicker } from './repo-pickers';

// RepoBranchPicker and RepoOwnerPicker as the form first draws them (before GitHub's choices
// arrive): what they ask GitHub about, and a field that can be typed into either way.
const field = (name: string, formContext: Record<string, unknown>, uiOptions: Record<string, unknown> = {}) =>
  ({
    name,
    required: true,
    schema: { title: name === 'branch' ? 'Branch' : 'Owner' },
    uiSchema: { 'ui:options': uiOptions },
    fieldPathId: { $id: `root_${name}`, path: [name] },
    registry: { formContext },
    onChange: () => undefined,
  }) as unknown as FieldProps;

describe('RepoBranchPicker', () => {
  it('offers the branches of the repository the form’s repoUrl names', () => {
    const html = renderToStaticMarkup(
      createElement(RepoBranchPicker, field('branch', { formData: { repoUrl: 'github.com?owner=acme&repo=rates-service' } })),
    );
    expect(html).toContain('A branch of acme/rates-service');
    expect(html).toMatch(/<input id="root_branch" list="root_branch-list"[^>]*placeholder="Loading…"/);
  });

  it('is a plain text field until a whole repository is named', () => {
    for (const repoUrl of [undefined, 'github.com?owner=acme', 42]) {
      const html = renderToStaticMarkup(createElement(RepoBranchPicker, field('branch', { formData: { repoUrl } })));
      expect(html).toContain('The branch of the repository');
      expect(html).not.toContain('placeholder=');
    }
  });
});

describe('RepoOwnerPicker', () => {
  it('asks about its ui:options host, else the first GitHub integration’s, else nothing', () => {
    expect(
      renderToStaticMarkup(createElement(RepoOwnerPicker, field('owner', { defaultHost: 'github.com' }, { host: 'ghe.acme.com' }))),
    ).toContain('An organisation on ghe.acme.com');
    expect(renderToStaticMarkup(createElement(RepoOwnerPicker, field('owner', { defaultHost: 'github.com' })))).toContain(
      'An organisation on github.com',
    );
    const none = renderToStaticMarkup(createElement(RepoOwnerPicker, field('owner', {})));
    expect(none).toContain('The owner of the repository');
    expect(none).not.toContain('placeholder=');
  });
});
