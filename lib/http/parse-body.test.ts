import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseBody } from './parse-body';

describe('parseBody', () => {
  const schema = z.object({ name: z.string(), limit: z.number().int().optional() });

  it('returns the parsed body', () => {
    expect(parseBody(schema, { name: 'a', limit: 2 })).toEqual({ name: 'a', limit: 2 });
  });

  it('answers 400 naming each bad field', () => {
    expect(() => parseBody(schema, { limit: 1.5 })).toThrow(
      expect.objectContaining({ code: 'BAD_REQUEST', message: expect.stringMatching(/^invalid request body: name: .+; limit: .+/) }),
    );
    expect(() => parseBody(schema, 'text')).toThrow(/^invalid request body: /);
  });
});
