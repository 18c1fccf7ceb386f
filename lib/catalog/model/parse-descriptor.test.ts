import { describe, expect, it } from 'vitest';
import { formatDescriptorError, parseDescriptorFile } from './parse-descriptor';

const FILE = 'catalog-info.yaml';

const COMPONENT = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: orders
spec:
  type: service
  lifecycle: production
  owner: team-a
`;

function only(text: string) {
  return parseDescriptorFile(text, FILE).errors.map((e) => ({ line: e.line, column: e.column, code: e.code, message: e.message }));
}

describe('parseDescriptorFile', () => {
  it('parses a valid component with its position and both-direction relations', () => {
    const { documents, errors } = parseDescriptorFile(COMPONENT, FILE);
    expect(errors).toEqual([]);
    expect(documents).toHaveLength(1);
    const [doc] = documents;
    expect(doc.index).toBe(0);
    expect(doc.position).toEqual({ line: 1, column: 1 });
    expect(doc.ref).toBe('component:default/orders');
    expect(doc.entity?.metadata.name).toBe('orders');
    expect(doc.relations).toEqual([
      { sourceRef: 'component:default/orders', type: 'ownedBy', targetRef: 'group:default/team-a' },
      { sourceRef: 'group:default/team-a', type: 'ownerOf', targetRef: 'component:default/orders' },
    ]);
    expect(doc.positionOf(['metadata', 'name'])).toEqual({ line: 4, column: 9 });
    expect(doc.positionOf(['spec', 'owner'])).toEqual({ line: 8, column: 10 });
    // Missing key: point at the parent's key, where the author would add it.
    expect(doc.positionOf(['spec', 'system'])).toEqual({ line: 5, column: 1 });
  });

  it.each([
    [
      'bad name, at the value',
      COMPONENT.replace('name: orders', 'name: Order_Service!'),
      [
        {
          line: 4,
          column: 9,
          code: 'invalid-entity',
          message: `metadata.name "Order_Service!" must be letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters) at ${FILE}:4:9`,
        },
      ],
    ],
    [
      'wrong apiVersion for the kind',
      COMPONENT.replace('backstage.io/v1alpha1', 'scaffolder.backstage.io/v1beta3'),
      [
        {
          line: 1,
          column: 13,
          code: 'invalid-entity',
          message: `apiVersion "scaffolder.backstage.io/v1beta3" is not valid for kind Component; expected backstage.io/v1alpha1 or backstage.io/v1beta1 at ${FILE}:1:13`,
        },
      ],
    ],
    [
      'unknown kind',
      COMPONENT.replace('kind: Component', 'kind: Servic'),
      [
        {
          line: 2,
          column: 7,
          code: 'invalid-entity',
          message: `kind "Servic" is not a known kind; expected one of Component, API, Resource, System, Domain, Group, User, Location, Template at ${FILE}:2:7`,
        },
      ],
    ],
    [
      'missing required spec field, at the spec key',
      COMPONENT.replace('  owner: team-a\n', ''),
      [{ line: 5, column: 1, code: 'invalid-entity', message: `spec.owner is required for kind Component at ${FILE}:5:1` }],
    ],
    [
      'bad tag inside a list',
      COMPONENT.replace('  name: orders\n', '  name: orders\n  tags:\n    - java\n    - Not OK\n'),
      [
        {
          line: 7,
          column: 7,
          code: 'invalid-entity',
          message: `metadata.tags[1] "Not OK" must match [a-z0-9:+#] in words joined by '-', 1-63 chars at ${FILE}:7:7`,
        },
      ],
    ],
    [
      'bad relation ref',
      COMPONENT.replace('  owner: team-a\n', '  owner: team-a\n  dependsOn: ["component:"]\n'),
      [
        {
          line: 9,
          column: 15,
          code: 'invalid-relation',
          message: `spec.dependsOn[0] is not a valid entity ref: Entity reference "component:" was not on the form [<kind>:][<namespace>/]<name> at ${FILE}:9:15`,
        },
      ],
    ],
    [
      'invalid YAML with its line and column',
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: [orders\n',
      [{ line: 5, column: 1, code: 'yaml-syntax', message: expect.stringMatching(/^invalid YAML: .+ at catalog-info\.yaml:5:1$/) }],
    ],
    [
      'duplicate keys',
      'kind: Component\nkind: API\n',
      [{ line: 2, column: 1, code: 'yaml-syntax', message: `invalid YAML: Map keys must be unique at ${FILE}:2:1` }],
    ],
    [
      'a list instead of a mapping',
      '- a\n- b\n',
      [
        {
          line: 1,
          column: 1,
          code: 'not-a-mapping',
          message: `document must be a YAML mapping with apiVersion, kind, metadata and spec, but is a list at ${FILE}:1:1`,
        },
      ],
    ],
    [
      'a scalar document',
      'just text\n',
      [
        {
          line: 1,
          column: 1,
          code: 'not-a-mapping',
          message: `document must be a YAML mapping with apiVersion, kind, metadata and spec, but is a string at ${FILE}:1:1`,
        },
      ],
    ],
  ])('reports %s', (_name, text, expected) => {
    expect(only(text)).toEqual(expected);
  });

  it('keeps documents 1 and 3 when document 2 is broken, and ignores empty documents', () => {
    const text = `---\n${COMPONENT}---\n${COMPONENT.replace('name: orders', 'name: "bad name"')}---\n${COMPONENT.replace('orders', 'billing')}---\n`;
    const { documents, errors } = parseDescriptorFile(text, FILE);
    expect(documents.map((d) => [d.index, d.ref, d.entity !== undefined])).toEqual([
      [0, 'component:default/orders', true],
      [1, 'component:default/bad name', false],
      [2, 'component:default/billing', true],
    ]);
    expect(documents[1].position).toEqual({ line: 11, column: 1 });
    expect(errors.map(formatDescriptorError)).toEqual([
      `${FILE}:14:9: metadata.name "bad name" must be letters a-z, A-Z, digits, -, _ and ., beginning and ending with a letter or digit (1-63 characters)`,
    ]);
  });

  it('keeps the other documents when one has a YAML syntax error', () => {
    const text = `${COMPONENT}---\nkind: [\n---\n${COMPONENT.replace('orders', 'billing')}`;
    const { documents, errors } = parseDescriptorFile(text, FILE);
    expect(documents.map((d) => d.entity?.metadata.name)).toEqual(['orders', undefined, 'billing']);
    expect(errors.map((e) => [e.code, e.line])).toEqual([['yaml-syntax', 11]]);
  });

  it('stops an alias bomb with a clear error and keeps the next document', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
      'e: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    ].join('\n');
    const { documents, errors } = parseDescriptorFile(`${bomb}\n---\n${COMPONENT}`, FILE);
    expect(errors).toEqual([
      {
        file: FILE,
        line: 1,
        column: 1,
        code: 'yaml-aliases',
        message: `YAML aliases expand beyond the limit of 100 (possible alias bomb); use fewer anchors and aliases at ${FILE}:1:1`,
      },
    ]);
    expect(documents[1].entity?.metadata.name).toBe('orders');
  });

  it('allows a few aliases under the limit', () => {
    const text = COMPONENT.replace('  owner: team-a', '  owner: &o team-a\n  system: *o');
    expect(parseDescriptorFile(text, FILE).documents[0].entity?.spec?.system).toBe('team-a');
  });

  it.each([
    ['spaces before a comment', `${' '.repeat(200_000)}# note\n`],
    ['spaces and tabs before a comment', `${' \t'.repeat(100_000)}# note\n`],
  ])('reads a line of 200 KB of %s in time that grows with its length, not its square', (_what, line) => {
    // A descriptor is a repository's text, read at each ingestion and on each pull request that changes it.
    const started = performance.now();
    expect(parseDescriptorFile(`${COMPONENT}${line}`, FILE).documents[0].entity?.metadata.name).toBe('orders');
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects an oversized file with its size and the limit', () => {
    const text = `${COMPONENT}# ${'x'.repeat(2 * 1024 * 1024)}\n`;
    const { documents, errors } = parseDescriptorFile(text, FILE);
    expect(documents).toEqual([]);
    expect(errors).toEqual([
      {
        file: FILE,
        line: 1,
        column: 1,
        code: 'too-large',
        message: `file is 2 MiB (${text.length} bytes); the limit is 1 MiB (1048576 bytes) at ${FILE}:1:1`,
      },
    ]);
  });

  it('counts UTF-8 bytes, not characters, against a custom limit', () => {
    const text = `# ${'é'.repeat(60)}\n${COMPONENT}`;
    const bytes = new TextEncoder().encode(text).length;
    expect(text.length).toBeLessThanOrEqual(200);
    expect(parseDescriptorFile(text, FILE, { maxBytes: 200 }).errors[0]?.message).toBe(
      `file is ${bytes} bytes (${bytes} bytes); the limit is 200 bytes (200 bytes) at ${FILE}:1:1`,
    );
  });

  it('rejects a file with too many documents, pointing at the first one over the limit', () => {
    const text = Array.from({ length: 4 }, (_, i) => COMPONENT.replace('orders', `svc-${i}`)).join('---\n');
    const { documents, errors } = parseDescriptorFile(text, FILE, { maxDocuments: 3 });
    expect(documents).toEqual([]);
    expect(errors.map(formatDescriptorError)).toEqual([
      `${FILE}:27:1: file has 4 YAML documents; the limit is 3, so split it into several files`,
    ]);
  });

  it('rejects nesting deeper than the limit', () => {
    // extra sits in spec (depth 2), so its 63rd '[' (column 72) is level 65.
    const deep = `${COMPONENT}  extra: ${'['.repeat(70)}${']'.repeat(70)}\n`;
    expect(only(deep)).toEqual([
      { line: 9, column: 72, code: 'too-deep', message: `YAML is nested more than 64 levels deep; flatten the structure at ${FILE}:9:72` },
    ]);
  });

  it('survives pathological nesting without crashing', () => {
    const text = `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`;
    expect(only(text).map((e) => e.code)).toEqual(['too-deep']);
  });

  it.each([
    ['', 0],
    ['---\n', 0],
    ['# only a comment\n', 0],
    [`${COMPONENT}---\n---\n`, 1],
  ])('ignores empty documents in %j', (text, count) => {
    const result = parseDescriptorFile(text, FILE);
    expect(result.errors).toEqual([]);
    expect(result.documents).toHaveLength(count);
  });
});
