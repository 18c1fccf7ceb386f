import type { FieldProps } from '@rjsf/utils';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Shell } from './pickers';

// A picker whose choices could not be loaded says so, even when the template describes the field:
// the description used to take the place of the error, leaving an empty list and no reason.
describe('a picker field', () => {
  const props = {
    name: 'owner',
    required: true,
    schema: { title: 'Owner', description: 'Team that will run this service in production' },
    fieldPathId: { $id: 'root_owner', path: ['owner'] },
  } as unknown as FieldProps;
  // Shell has no hooks: called as a function, it returns the markup a picker renders around its input.
  const render = (extra: { hint?: string; problem?: string }) =>
    renderToStaticMarkup(Shell({ props, ...extra, children: createElement('input', { id: 'root_owner' }) }));

  it('shows the template’s description and, beside it, why its choices are missing', () => {
    const html = render({ problem: 'Could not load choices: the catalog answered HTTP 401. Reload the page to try again.' });
    expect(html).toContain('Team that will run this service in production');
    expect(html).toMatch(/role="alert"[^>]*>Could not load choices: the catalog answered HTTP 401\. Reload the page to try again\.</);
  });

  it('shows its own hint only when the template gives no description', () => {
    expect(render({ hint: 'Letters and digits' })).not.toContain('Letters and digits');
    expect(render({})).not.toContain('role="alert"');
  });
});
