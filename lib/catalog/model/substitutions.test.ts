import { describe, expect, it } from 'vitest';
import type { Entity } from './entity';
import { formatDocumentPath, resolveSubstitutions } from './substitutions';

const files: Record<string, string> = {
  './openapi.yaml': 'openapi: 3.0.0\ninfo:\n  title: Orders\n',
  './schema.json': '{"type":"object","properties":{"a":{"type":"string"}}}',
  './bad.json': '{"type":',
  './bad.yaml': 'a: 1\na: 2\n',
  './bomb.yaml': 'a: &a [1,1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n',
  './nested.json': '{"$text": "./openapi.yaml"}',
};

const read = async (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`file not found: ${path}`);
  return text;
};

const api = (spec: Record<string, unknown>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'API',
  metadata: { name: 'orders-api' },
  spec: { type: 'openapi', lifecycle: 'production', owner: 'team-a', ...spec },
});

describe('resolveSubstitutions', () => {
  it.each<[string, unknown, unknown]>([
    ['$text as the raw string', { $text: './openapi.yaml' }, files['./openapi.yaml']],
    ['$json parsed', { $json: './schema.json' }, { type: 'object', properties: { a: { type: 'string' } } }],
    ['$yaml parsed', { $yaml: './openapi.yaml' }, { openapi: '3.0.0', info: { title: 'Orders' } }],
    // Resolved content is not substituted again, so files cannot chain reads.
    ['content not re-substituted', { $json: './nested.json' }, { $text: './openapi.yaml' }],
    // Other $-keys (JSON Schema $ref) and non-string values are left alone, as in Backstage.
    ['$ref left alone', { $ref: '#/definitions/a' }, { $ref: '#/definitions/a' }],
    ['non-string value left alone', { $text: 42 }, { $text: 42 }],
    ['two keys are not a placeholder', { $text: './openapi.yaml', other: 1 }, { $text: './openapi.yaml', other: 1 }],
  ])('resolves %s', async (_name, definition, expected) => {
    const { entity, issues } = await resolveSubstitutions(api({ definition }), read);
    expect(issues).toEqual([]);
    expect(entity.spec?.definition).toEqual(expected);
  });

  it('resolves placeholders anywhere, including inside lists, without mutating the input', async () => {
    const input = api({ definition: 'inline', extra: [{ a: { $text: './openapi.yaml' } }] });
    const { entity } = await resolveSubstitutions(input, read);
    expect(entity.spec?.extra).toEqual([{ a: files['./openapi.yaml'] }]);
    expect(input.spec?.extra).toEqual([{ a: { $text: './openapi.yaml' } }]);
  });

  it('keeps a "__proto__" key as data', async () => {
    const spec = JSON.parse('{"definition":{"$text":"./openapi.yaml"},"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const { entity } = await resolveSubstitutions(api(spec), read);
    expect(Object.keys(entity.spec ?? {})).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each<[string, unknown, string]>([
    [
      'missing file',
      { $text: './missing.yaml' },
      'spec.definition: could not read "./missing.yaml" for $text: file not found: ./missing.yaml',
    ],
    [
      'bad JSON',
      { $json: './bad.json' },
      expect.stringMatching(/^spec\.definition: "\.\/bad\.json" is not valid JSON: /) as unknown as string,
    ],
    [
      'bad YAML with its position',
      { $yaml: './bad.yaml' },
      'spec.definition: "./bad.yaml" is not valid YAML (line 2, column 1): invalid YAML: Map keys must be unique',
    ],
    [
      'alias bomb in YAML',
      { $yaml: './bomb.yaml' },
      'spec.definition: "./bomb.yaml" is not valid YAML (line 1, column 1): YAML aliases expand beyond the limit of 100 (possible alias bomb); use fewer anchors and aliases',
    ],
  ])('reports %s as an issue at the placeholder path and keeps the placeholder', async (_name, definition, message) => {
    const { entity, issues } = await resolveSubstitutions(api({ definition }), read);
    expect(issues).toEqual([{ path: ['spec', 'definition'], message }]);
    expect(entity.spec?.definition).toEqual(definition);
  });

  it('applies the size limit to substituted content', async () => {
    const { issues } = await resolveSubstitutions(api({ definition: { $text: './openapi.yaml' } }), read, { maxBytes: 10 });
    expect(issues[0]?.message).toMatch(/^spec\.definition: "\.\/openapi\.yaml" is too large: file is \d+ bytes/);
  });

  it.each([
    [['spec', 'definition'], 'spec.definition'],
    [['spec', 'steps', 0, 'input'], 'spec.steps[0].input'],
  ] as const)('formats path %j', (path, text) => {
    expect(formatDocumentPath([...path])).toBe(text);
  });
});
