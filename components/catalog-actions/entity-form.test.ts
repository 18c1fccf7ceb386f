import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { blankEntityFields, MANAGED_KINDS, type EntityFields } from '@/lib/catalog/managed-entity-form';
import { KIND_RULES } from '@/lib/catalog/model/kinds';
import { EntityForm } from './entity-form';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {} }) }));
vi.mock('@/lib/catalog/actions', () => ({ saveManagedEntityAction: async () => ({ ok: false, error: 'not in this test' }) }));

const initial = (kind: EntityFields['kind']): EntityFields => blankEntityFields(kind, { name: 'x' });

/** The spec inputs the form renders for a kind, each with whether its label is marked required. */
function specInputs(kind: EntityFields['kind']): Record<string, boolean> {
  const html = renderToStaticMarkup(
    createElement(EntityForm, { initial: initial(kind), initialYaml: '', kinds: MANAGED_KINDS, ownerOptions: [], systemOptions: [] }),
  );
  const out: Record<string, boolean> = {};
  for (const m of html.matchAll(/<label for="f-(type|lifecycle|owner|system|definition)"[^>]*>(.*?)<\/label>/g))
    out[m[1]] = m[2].includes('*');
  return out;
}

describe('EntityForm', () => {
  it.each([
    ['Component', { type: true, lifecycle: true, owner: true, system: false }],
    ['API', { type: true, lifecycle: true, owner: true, system: false, definition: true }],
    ['Domain', { type: false, owner: true }],
    ['User', {}],
  ] as const)('shows the spec fields of a %s', (kind, expected) => {
    expect(specInputs(kind)).toEqual(expected);
  });

  it('follows a change of the kind rules table', () => {
    const system = KIND_RULES.find((r) => r.kind === 'System')!;
    const { type } = system.optional;
    delete system.optional.type;
    try {
      expect(specInputs('System')).toEqual({ owner: true });
    } finally {
      system.optional.type = type;
    }
    expect(specInputs('System')).toEqual({ type: false, owner: true });
  });
});
