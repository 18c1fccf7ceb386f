import type { FieldProps } from '@rjsf/utils';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Shell } from './field-shell';
import { ownedFilters } from './pickers';

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

// OwnedEntityPicker: the catalog API refuses a filter of more than 20 conditions (a 400, and no
// choices), so someone in 40 groups asks in parts.
describe('the filters of an OwnedEntityPicker', () => {
  const owners = Array.from({ length: 41 }, (_, i) => (i ? `group:default/g${i}` : 'user:default/jane'));

  it('narrows each catalogFilter to what the person and their groups own, 15 owners a filter', () => {
    const filters = ownedFilters([{ kind: 'Component' }, { kind: 'API', 'spec.type': 'openapi' }], owners);
    expect(filters.map((f) => [f.kind, (f['relations.ownedBy'] as string[]).length])).toEqual([
      ['Component', 15],
      ['Component', 15],
      ['Component', 11],
      ['API', 15],
      ['API', 15],
      ['API', 11],
    ]);
    expect(filters.flatMap((f) => (f.kind === 'API' ? (f['relations.ownedBy'] as string[]) : []))).toEqual(owners);
    expect(filters.every((f) => Object.values(f).flat().length <= 20)).toBe(true);
  });

  it('offers nothing to someone who owns nothing (no User entity)', () => {
    expect(ownedFilters([{ kind: 'Component' }], [])).toEqual([]);
  });
});
