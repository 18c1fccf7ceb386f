import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDescriptorFile } from '@/lib/catalog/model';
import { applyEntityEdit, type EntityPatch } from './apply-edit';
import { entityEditSchema, patchOfFields, patchProblems } from './schema';

const ORDERS = `# Orders service — owned by the payments tribe
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-service
  # shown on the catalog card
  description: 'Takes orders: web and mobile.'
  tags:
  - java
  - payments
  links:
  - url: https://grafana.example.com/d/orders
    title: Dashboard
  annotations:
    github.com/project-slug: acme/orders-service
spec:
  type: service
  lifecycle: production   # promoted in 2023
  owner: team-orders # the on-call rota lives there
  system: commerce
  dependsOn: [resource:orders-db]
`;

const INDENTED = `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
    name: orders-api
    tags:
        - rest
spec:
    type: openapi
    lifecycle: experimental
    owner: "team-orders"
    definition:
        $text: ./openapi.yaml
`;

const MULTI = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: commerce # top-level system
spec:
  owner: team-orders
---
# the worker
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders-worker
  namespace: jobs
spec:
  type: worker
  lifecycle: production
  owner: team-orders
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata:
  name: team-orders
spec:
  type: team
  children: []
`;

/** Lines of `after` that differ from `before` at the same position, plus added/removed counts. */
function lineDiff(before: string, after: string) {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  return { removed: a.slice(start, endA + 1), added: b.slice(start, endB + 1) };
}

describe('applyEntityEdit', () => {
  it.each<[string, string, number | string, EntityPatch, { removed: string[]; added: string[] }]>([
    [
      'owner, keeping its trailing comment',
      ORDERS,
      0,
      { owner: 'team-payments' },
      {
        removed: ['  owner: team-orders # the on-call rota lives there'],
        added: ['  owner: team-payments # the on-call rota lives there'],
      },
    ],
    [
      'lifecycle, keeping its comment',
      ORDERS,
      'component:default/orders-service',
      { lifecycle: 'deprecated' },
      { removed: ['  lifecycle: production   # promoted in 2023'], added: ['  lifecycle: deprecated # promoted in 2023'] },
    ],
    [
      'description, keeping its quoting and the comment above it',
      ORDERS,
      0,
      { description: 'Takes orders.' },
      { removed: ["  description: 'Takes orders: web and mobile.'"], added: ["  description: 'Takes orders.'"] },
    ],
    ['system removed', ORDERS, 0, { system: null }, { removed: ['  system: commerce'], added: [] }],
    ['a tag added', ORDERS, 0, { tags: ['java', 'payments', 'grpc'] }, { removed: [], added: ['  - grpc'] }],
    [
      'a link title changed',
      ORDERS,
      0,
      { links: [{ url: 'https://grafana.example.com/d/orders', title: 'Grafana' }] },
      { removed: ['    title: Dashboard'], added: ['    title: Grafana'] },
    ],
    [
      'owner in a 4-space file with quotes',
      INDENTED,
      0,
      { owner: 'team-payments' },
      { removed: ['    owner: "team-orders"'], added: ['    owner: "team-payments"'] },
    ],
    ['system added to a 4-space file', INDENTED, 0, { system: 'commerce' }, { removed: [], added: ['    system: commerce'] }],
    [
      'owner of the second document, by ref',
      MULTI,
      'component:jobs/orders-worker',
      { owner: 'team-payments' },
      { removed: ['  owner: team-orders'], added: ['  owner: team-payments'] },
    ],
  ])('changes only the %s', (_label, text, target, patch, expected) => {
    const { text: out, changes } = applyEntityEdit(text, target, patch);
    expect(lineDiff(text, out)).toEqual(expected);
    expect(changes.length).toBeGreaterThan(0);
    expect(parseDescriptorFile(out, 'x.yaml').errors).toEqual([]);
  });

  it('edits a file with a line of 200 KB of spaces in time that grows with its length, not its square', () => {
    // The file is a repository's text; a description may hold any run of spaces.
    const text = ORDERS.replace('  lifecycle: production', `  description: a${' '.repeat(200_000)}b\n  lifecycle: production`);
    const started = performance.now();
    const { text: out } = applyEntityEdit(text, 0, { owner: 'team-payments' });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(lineDiff(text, out)).toEqual({
      removed: ['  owner: team-orders # the on-call rota lives there'],
      added: ['  owner: team-payments # the on-call rota lives there'],
    });
  });

  it('keeps every comment and the key order of the file', () => {
    const { text } = applyEntityEdit(ORDERS, 0, { owner: 'team-payments', lifecycle: 'deprecated', tags: ['java'] });
    for (const comment of [
      '# Orders service — owned by the payments tribe',
      '# shown on the catalog card',
      '# promoted in 2023',
      '# the on-call rota lives there',
    ]) {
      expect(text).toContain(comment);
    }
    const keys = (s: string) =>
      s
        .split('\n')
        .filter((l) => /^\s*[a-zA-Z.$/-]+:/.test(l))
        .map((l) => l.trim().split(':')[0]);
    expect(keys(text)).toEqual(keys(ORDERS));
  });

  it('leaves the other documents of a multi-document file byte for byte', () => {
    const { text, documentIndex } = applyEntityEdit(MULTI, 'component:jobs/orders-worker', {
      owner: 'team-payments',
      lifecycle: 'deprecated',
    });
    expect(documentIndex).toBe(1);
    const [first, , third] = text.split('---\n');
    const [origFirst, , origThird] = MULTI.split('---\n');
    expect(first).toBe(origFirst);
    expect(third).toBe(origThird);
    expect(text).toContain('# the worker\n');
  });

  it('reports before and after of each changed field, and nothing for unchanged ones', () => {
    const { changes, text } = applyEntityEdit(ORDERS, 0, { owner: 'team-payments', system: 'commerce', tags: ['java', 'payments'] });
    expect(changes).toEqual([{ field: 'owner', before: 'team-orders', after: 'team-payments' }]);
    expect(applyEntityEdit(ORDERS, 0, { owner: 'team-orders', description: 'Takes orders: web and mobile.' })).toEqual({
      text: ORDERS,
      documentIndex: 0,
      changes: [],
    });
    expect(text).not.toBe(ORDERS);
  });

  it('adds a field missing from the document where an author would', () => {
    const text = 'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  type: team\n  children: []\n';
    const out = applyEntityEdit(text, 0, { description: 'The A team' }).text;
    expect(out).toBe(
      'apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: team-a\n  description: The A team\nspec:\n  type: team\n  children: []\n',
    );
  });

  it.each([
    ['an entity that is not in the file', ORDERS, 'component:default/other', /not described in this file/],
    ['a document index past the end', ORDERS, 3, /has no document 3/],
    ['broken YAML', 'kind: Component\nmetadata: [unclosed\n', 0, /cannot be edited until its YAML is fixed/],
  ])('refuses %s', (_label, text, target, message) => {
    expect(() => applyEntityEdit(text, target, { owner: 'x' })).toThrow(message);
  });

  it('writes a value that needs quoting so that it stays a string', () => {
    const { text } = applyEntityEdit(ORDERS, 0, { description: 'yes: it: is' });
    expect(text).toContain("description: 'yes: it: is'");
    expect(parseDescriptorFile(text, 'x.yaml').documents[0].entity?.metadata.description).toBe('yes: it: is');
  });
});

describe('edit validation', () => {
  it.each<[EntityPatch, RegExp | null]>([
    [{ owner: 'team-payments' }, null],
    [{ owner: 'group:ops/team-payments', system: 'commerce', tags: ['java'] }, null],
    [{ owner: 'Not A Valid Ref!!' }, /owner: "Not A Valid Ref!!" is not a valid entity ref/],
    [{ owner: '' }, /owner: an entity needs an owner/],
    [{ system: 'bad system' }, /system: .* not a valid entity ref/],
    [{ tags: ['Java Spring'] }, /tags: "Java Spring" is not a valid tag/],
  ])('%j → %s', (patch, problem) => {
    const problems = patchProblems(patch);
    if (problem) expect(problems.join('\n')).toMatch(problem);
    else expect(problems).toEqual([]);
  });

  it('gives the form a message next to the field', () => {
    const result = entityEditSchema.safeParse({
      entityRef: 'component:default/x',
      owner: 'Not A Valid Ref!!',
      tags: 'ok, Not Ok',
      links: 'javascript:alert(1) Hi',
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byField.owner).toMatch(/not a valid entity ref/);
    expect(byField.tags).toMatch(/"Not Ok"/);
    expect(byField.links).toMatch(/not an http\(s\) URL/);
  });

  it('turns the form into a patch that removes emptied fields and keeps link icons', () => {
    const fields = entityEditSchema.parse({
      entityRef: 'component:default/x',
      owner: 'team-a',
      tags: 'java, grpc',
      links: 'https://a.example Dash',
    });
    expect(patchOfFields(fields, [{ url: 'https://a.example', title: 'Old', icon: 'dashboard' }])).toEqual({
      owner: 'team-a',
      system: null,
      lifecycle: undefined,
      description: null,
      tags: ['java', 'grpc'],
      links: [{ url: 'https://a.example', title: 'Dash', icon: 'dashboard' }],
    });
  });
});

describe("the demo organisation's descriptors", () => {
  const dir = path.resolve(import.meta.dirname, '../../../examples/components');
  const files = fs
    .readdirSync(dir)
    .map((name) => path.join(dir, name, 'catalog-info.yaml'))
    .filter((f) => fs.existsSync(f));

  it.each(files.map((f) => [path.basename(path.dirname(f)), f]))('%s: a new owner changes exactly one line', (name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    const { text: out, changes } = applyEntityEdit(text, `component:default/${name}`, { owner: 'team-new-owner' });
    expect(changes).toHaveLength(1);
    const before = text.split('\n');
    const changed = out.split('\n').filter((line, i) => line !== before[i]);
    expect(out.split('\n')).toHaveLength(before.length);
    expect(changed).toEqual([expect.stringMatching(/^ {2}owner: team-new-owner/)]);
  });
});
