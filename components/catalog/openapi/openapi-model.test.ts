import { describe, expect, it } from 'vitest';
import { parseOpenApi, schemaType } from './openapi-model';

const doc = (paths: string) =>
  `openapi: 3.0.3\ninfo: { title: Shipping, version: '1' }\ntags: [{ name: Other, description: A tag of that name }]\npaths:\n${paths}`;
const groupsOf = (source: string) => {
  const parsed = parseOpenApi(source);
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed.outline.groups.map((g) => [g.tag, g.description, g.operations.map((o) => `${o.method} ${o.path}`)]);
};

describe('parseOpenApi groups', () => {
  it('keeps untagged operations apart from a tag that happens to be called "Other"', () => {
    expect(
      groupsOf(
        doc(
          `  /a: { get: { tags: [Other], responses: {} } }\n  /b: { post: { responses: {} } }\n  /c: { get: { tags: [Labels], responses: {} } }\n`,
        ),
      ),
    ).toEqual([
      ['Other', 'A tag of that name', ['get /a']],
      [null, undefined, ['post /b']],
      ['Labels', undefined, ['get /c']],
    ]);
  });

  it('outlines operations that reference wide schemas in time that grows with the text, not with the product of the widths', () => {
    // A definition is a repository's text, outlined on the server at each view of the API's page. A $ref
    // copies its target: 100 operations x 200 properties x 200 properties from 30 KB of text.
    const wide = (to: string) => ({
      type: 'object',
      properties: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p${i}`, { $ref: to }])),
    });
    const response = {
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/A' } } } } },
    };
    const text = JSON.stringify({
      openapi: '3.0.3',
      info: { title: 'Wide', version: '1' },
      paths: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`/op${i}`, { get: response }])),
      components: { schemas: { A: wide('#/components/schemas/B'), B: wide('#/components/schemas/C'), C: { type: 'string' } } },
    });
    const started = performance.now();
    const parsed = parseOpenApi(text);
    expect(performance.now() - started).toBeLessThan(1_000);
    if ('error' in parsed) throw new Error(parsed.error);
    const schemas = parsed.outline.groups[0].operations.map((o) => o.responses[0].content[0].schema!);
    expect(schemaType(schemas[0])).toBe('A');
    expect(Object.keys(schemas[0].properties as object)).toHaveLength(200);
    // Past the budget a reference keeps only its target's name.
    expect(schemas.at(-1)).toEqual({ 'x-ref-name': 'A' });
    expect(schemaType(schemas.at(-1))).toBe('A');
  });
});
