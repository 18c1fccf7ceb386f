import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { describe, expect, it } from 'vitest';
import { generateCatalog } from '@/bench/generate';
import { parseDescriptorFile, parseFullDescriptorFile, type ParseDescriptorResult } from './parse-descriptor';
import { resolveParseLimits } from './yaml-limits';

// The fast path (js-yaml on plain files) must answer exactly what the full path (yaml's document
// API) answers, for every valid file; everything else must fall through to the full path.

const LIMITS = resolveParseLimits();
const PATHS = [
  ['metadata', 'name'],
  ['spec', 'owner'],
  ['spec', 'system'],
  ['metadata', 'annotations'],
  ['spec', 'missing', 'deeper'],
];

function comparable(result: ParseDescriptorResult) {
  return {
    errors: result.errors,
    documents: result.documents.map(({ positionOf, ...doc }) => ({ ...doc, positions: PATHS.map((p) => positionOf(p)) })),
  };
}

const expectSame = (text: string, file = 'catalog-info.yaml') =>
  expect(comparable(parseDescriptorFile(text, file))).toEqual(comparable(parseFullDescriptorFile(text, file, LIMITS)));

const COMPONENT = (name: string, extra = '') => `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
  description: The ${name} service   # trailing comment
  tags: [java, "http"]
${extra}spec:
  type: service
  lifecycle: production
  owner: team-a
  dependsOn:
    - component:shared-lib
`;

describe('parseDescriptorFile fast path', () => {
  it('agrees with the full path on every example file', async () => {
    const files = await glob('examples/**/*.yaml', { absolute: true });
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) expectSame(fs.readFileSync(file, 'utf8'), file);
  });

  it('agrees with the full path on the benchmark catalog', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wf-fast-'));
    try {
      generateCatalog(300, dir);
      const files = fs.readdirSync(dir).map((d) => path.join(dir, d, 'catalog-info.yaml'));
      for (const file of files) expectSame(fs.readFileSync(file, 'utf8'), file);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [
      'several documents with comments, blank lines and empty documents',
      `# header\n\n---\n${COMPONENT('a')}\n# trailing\n---\n---\n${COMPONENT('b')}---\n`,
    ],
    ['content before the first marker', `${COMPONENT('a')}---\n${COMPONENT('b')}`],
    [
      'no final newline and CRLF-free block scalars',
      `${COMPONENT('a', '  annotations:\n    note: |\n      line one\n      line two\n')}`.trimEnd(),
    ],
    [
      'numbers, booleans and nulls in annotations',
      COMPONENT(
        'a',
        '  labels:\n    tier: "1"\n  annotations:\n    a: 0x1F\n    b: -.5\n    c: 0b1\n    d: ~\n    e: TRUE\n    f: 1e400\n',
      ),
    ],
    [
      'indented document content',
      `---\n  apiVersion: backstage.io/v1alpha1\n  kind: Group\n  metadata:\n    name: team-a\n  spec:\n    type: team\n    children: []\n`,
    ],
  ])('agrees on %s', (_, text) => expectSame(text));

  it.each([
    ['an anchor and alias', COMPONENT('a', '  annotations: &x {a: b}\n  labels: *x\n')],
    ['a tag', COMPONENT('a', '  annotations:\n    a: !!str 1\n')],
    ['a null key', COMPONENT('a', '  annotations:\n    ~: x\n')],
    ['a directive', `%YAML 1.2\n---\n${COMPONENT('a')}`],
    ['a byte-order mark', `\uFEFF${COMPONENT('a')}`],
    ['CRLF line ends', `# header\r\n---\r\n${COMPONENT('a').replace(/\n/g, '\r\n')}`],
    ['an invalid entity', COMPONENT('Bad_Name!')],
    ['a syntax error', `${COMPONENT('a')}---\nkind: [\n`],
    ['a duplicate key', COMPONENT('a', '  title: x\n  title: y\n')],
  ])('falls back to the full path for %s, with the same result', (_, text) => expectSame(text));

  it.each([
    ['valid documents', (i: number) => COMPONENT(`svc-${i}`)],
    [
      'invalid, empty and commented documents among them',
      (i: number) => (i % 97 === 5 ? COMPONENT(`Bad_${i}!`) : i % 50 === 7 ? '# nothing here\n' : COMPONENT(`svc-${i}`)),
    ],
    ['CRLF line ends', (i: number) => COMPONENT(`svc-${i}`).replace(/\n/g, '\r\n')],
  ])('parses a file of 450 %s piece by piece exactly as the whole file', (_, doc) => {
    const text = `# catalog\n${COMPONENT('first')}${Array.from({ length: 450 }, (_, i) => `---\n${doc(i)}`).join('')}`;
    expectSame(text);
    expect(parseDescriptorFile(text, 'c.yaml').documents.length).toBeGreaterThan(400);
  });
});
