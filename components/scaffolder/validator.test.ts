import { describe, expect, it } from 'vitest';
import type { RJSFSchema } from '@rjsf/utils';
import { cfworkerValidator } from './validator';

// The form's browser-side check: the same verdicts as the server's, without eval.
describe('cfworkerValidator', () => {
  const schema = {
    type: 'object',
    required: ['name'],
    properties: {
      name: { type: 'string', title: 'Name', pattern: '^[a-z]+$', errorMessage: { pattern: 'lower-case only' } },
      java: { type: 'integer', enum: [17, 21] },
    },
  } as RJSFSchema;

  it('names each bad field, with the template message where given', () => {
    const { errors, errorSchema } = cfworkerValidator.validateFormData({ name: 'Bad', java: 11 }, schema);
    expect(errors.map((e) => [e.property, e.message])).toEqual([
      ['.name', 'lower-case only'],
      ['.java', expect.stringMatching(/enum|does not match/i)],
    ]);
    expect(errorSchema).toMatchObject({ name: { __errors: ['lower-case only'] } });
    expect(cfworkerValidator.validateFormData({}, schema).errors.map((e) => [e.property, e.message])).toEqual([
      ['.name', 'is a required property'],
    ]);
  });

  it('answers isValid for if/then and oneOf branches', () => {
    expect(cfworkerValidator.isValid({ properties: { kafka: { const: true } }, required: ['kafka'] }, { kafka: true }, {})).toBe(true);
    expect(cfworkerValidator.isValid({ properties: { kafka: { const: true } }, required: ['kafka'] }, { kafka: false }, {})).toBe(false);
  });

  it('never compiles code', () => {
    const original = globalThis.Function;
    globalThis.Function = function () {
      throw new Error('eval used');
    } as unknown as FunctionConstructor;
    try {
      expect(cfworkerValidator.validateFormData({ name: 'ok' }, schema).errors).toEqual([]);
    } finally {
      globalThis.Function = original;
    }
  });
});
