import type { FieldProps } from '@rjsf/utils';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Shell } from './field-shell';
import { catalogSearch, ownedFilters } from './pickers';

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

// The catalog pickers find as the person types: each catalogFilter is one by-query request for a
// page of the entities whose name or title holds the text, and the answers are joined by name.
describe('what a catalog picker offers for the text typed', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const entity = (kind: string, name: string, extra: Record<string, unknown> = {}) => ({
    kind,
    metadata: { namespace: 'default', name, ...extra },
  });

  it('asks the catalog API with each filter and the text, and joins the answers by name', async () => {
    const asked: URLSearchParams[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      const q = new URL(url, 'http://portal').searchParams;
      asked.push(q);
      const items =
        q.get('filter') === 'kind=Group'
          ? [entity('Group', 'team-b', { title: 'Team B' }), entity('Group', 'team-d')]
          : [
              entity('User', 'ann-c', { name: 'ann-c' }),
              { ...entity('User', 'team-a'), spec: { profile: { displayName: 'Team A. Person' } } },
            ];
      return Response.json({ items, totalItems: items.length, pageInfo: {} });
    });
    const page = await catalogSearch([{ kind: 'Group' }, { kind: 'User', 'spec.profile.email': ['a@x', 'b@x'] }])(
      ' group:default/team ',
      new AbortController().signal,
    );
    expect(asked.map((q) => [q.get('filter'), q.get('fullTextFilterTerm'), q.get('fullTextFilterFields'), q.get('limit')])).toEqual([
      ['kind=Group', 'team', 'metadata.name,metadata.title', '21'],
      ['kind=User,spec.profile.email=a@x,spec.profile.email=b@x', 'team', 'metadata.name,metadata.title', '21'],
    ]);
    expect(page).toEqual({
      items: [
        { ref: 'user:default/ann-c', label: 'ann-c' },
        { ref: 'user:default/team-a', label: 'Team A. Person' },
        { ref: 'group:default/team-b', label: 'Team B' },
        { ref: 'group:default/team-d', label: 'team-d' },
      ],
      more: false,
    });
  });

  it('says there are more past a page, and asks without a text term when nothing is typed', async () => {
    let asked: URLSearchParams | undefined;
    vi.stubGlobal('fetch', async (url: string) => {
      asked = new URL(url, 'http://portal').searchParams;
      const items = Array.from({ length: 21 }, (_, i) => entity('Component', `svc-${String(i).padStart(2, '0')}`));
      return Response.json({ items, totalItems: 900, pageInfo: { nextCursor: 'x' } });
    });
    const page = await catalogSearch([{ kind: 'Component' }])('', new AbortController().signal);
    expect(asked?.has('fullTextFilterTerm')).toBe(false);
    expect(page.items).toHaveLength(20);
    expect(page.more).toBe(true);
  });

  it('says what the catalog answered when it refuses', async () => {
    vi.stubGlobal('fetch', async () => new Response('{}', { status: 400 }));
    await expect(catalogSearch([{ kind: 'Component' }])('x', new AbortController().signal)).rejects.toThrow(
      'the catalog answered HTTP 400',
    );
  });
});
