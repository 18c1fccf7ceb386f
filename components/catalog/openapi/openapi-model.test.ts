import { describe, expect, it } from 'vitest';
import { parseOpenApi } from './openapi-model';

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
});
