import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { actionDocs, typeOf } from './action-docs';

describe('typeOf', () => {
  it('writes a JSON Schema type as a template author writes its values', () => {
    const t = (schema: z.ZodType) => typeOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as never);
    expect(t(z.string())).toBe('string');
    expect(t(z.array(z.string()))).toBe('string[]');
    expect(t(z.enum(['private', 'public']))).toBe('"private" | "public"');
    expect(t(z.array(z.union([z.string(), z.number()])))).toBe('(string | number)[]');
    expect(t(z.object({ users: z.array(z.string()), apps: z.array(z.string()).optional() }))).toBe('{ users, apps? }');
    expect(t(z.record(z.string(), z.string()))).toBe('map of string');
    expect(t(z.union([z.string(), z.literal(false)]))).toBe('string | false');
    expect(t(z.object({ a: z.string() }).nullish())).toBe('{ a } | null');
  });
});

describe('actionDocs', () => {
  it("lists each action's inputs with type, required, default and description, and its outputs", () => {
    const [fetch] = actionDocs('fetch:template:file');
    expect(fetch.id).toBe('fetch:template:file');
    expect(fetch.inputs.find((f) => f.name === 'url')).toEqual({
      name: 'url',
      type: 'string',
      required: true,
      description: 'Relative path or absolute URL of the file',
    });
    expect(fetch.inputs.find((f) => f.name === 'replace')).toMatchObject({ type: 'boolean', required: false, default: 'false' });
    const [readdir] = actionDocs('fs:readdir');
    expect(readdir.outputs.map((f) => [f.name, f.type])).toEqual([
      ['files', '{ name, path, fullPath }[]'],
      ['folders', '{ name, path, fullPath }[]'],
    ]);
  });

  it('finds actions by id or description, in any case', () => {
    expect(actionDocs('GITHUB:PAGES').map((a) => a.id)).toEqual(['github:pages:enable']);
    expect(actionDocs('deploy key').map((a) => a.id)).toEqual(['github:deployKey:create']);
    expect(actionDocs('no such action')).toEqual([]);
  });
});
