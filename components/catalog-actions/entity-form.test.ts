import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { blankEntityFields, MANAGED_KINDS, validateEntityFields, type EntityFields } from '@/lib/catalog/managed-entity-form';
import { KIND_RULES } from '@/lib/catalog/model/kinds';
import { EntityForm } from './entity-form';

vi.mock('next/navigation', () => ({ useRouter: () => ({ push: () => {} }) }));
vi.mock('@/lib/catalog/actions', () => ({ saveManagedEntityAction: async () => ({ ok: false, error: 'not in this test' }) }));

const initial = (kind: EntityFields['kind']): EntityFields => blankEntityFields(kind, { name: 'x' });

const renderForm = (kind: EntityFields['kind']) =>
  renderToStaticMarkup(createElement(EntityForm, { initial: initial(kind), initialYaml: '', kinds: MANAGED_KINDS }));

/** The spec inputs the form renders for a kind, each with whether its label is marked required. */
function specInputs(kind: EntityFields['kind']): Record<string, boolean> {
  const html = renderForm(kind);
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

  describe('the name hint tells the catalog’s rule', () => {
    const hint = renderForm('Component').match(/<p id="f-name-hint"[^>]*>(.*?)<\/p>/)?.[1] ?? '';
    const nameError = (name: string) =>
      validateEntityFields(blankEntityFields('Component', { name, owner: 'team-a', type: 'service', lifecycle: 'production' })).name?.[0];

    it('in the words of the error a bad name gets', () => {
      const rule = hint.replace(/, e\.g\. .*$/, '');
      expect(rule).not.toBe('');
      expect(nameError('Bad Name!')?.toLowerCase()).toContain(rule.toLowerCase());
    });

    it.each(['orders-service', 'Orders_Service.v2', 'orders--service', 'a', 'x'.repeat(63)])('a name it allows is accepted: %s', (name) => {
      expect(nameError(name)).toBeUndefined();
    });

    it.each(['Bad Name!', '-orders', 'orders.', 'x'.repeat(64)])('a name it rules out is refused: %s', (name) => {
      expect(nameError(name)).toBeDefined();
    });
  });

  describe('the namespace hint tells the catalog’s rule', () => {
    const hint = renderForm('Component').match(/<p id="f-namespace-hint"[^>]*>(.*?)<\/p>/)?.[1] ?? '';
    const namespaceError = (namespace: string) =>
      validateEntityFields(
        blankEntityFields('Component', { name: 'x', namespace, owner: 'team-a', type: 'service', lifecycle: 'production' }),
      ).namespace?.[0];

    it('in the words of the error a bad namespace gets', () => {
      const rule = hint.replace(/; .*$/, '');
      expect(rule).not.toBe('');
      expect(namespaceError('My_NS')?.toLowerCase()).toContain(rule.toLowerCase());
    });

    it.each(['default', 'team-a', 'a--b', 'x'.repeat(63)])('a namespace it allows is accepted: %s', (ns) =>
      expect(namespaceError(ns)).toBeUndefined(),
    );
    it.each(['My_NS', 'Default', 'a-', '-a', 'x'.repeat(64)])('a namespace it rules out is refused: %s', (ns) =>
      expect(namespaceError(ns)).toBeDefined(),
    );
  });
});
