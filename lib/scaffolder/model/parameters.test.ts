import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { validateParameters } from './parameters';

describe('validateParameters', () => {
  const pages = [
    {
      required: ['name'],
      properties: {
        name: { type: 'string', title: 'Name', pattern: '^[a-z]+$', errorMessage: { pattern: 'lower-case only' } },
        java: { type: 'integer', enum: [17, 21] },
      },
    },
    {
      properties: { kafka: { type: 'boolean' } },
      if: { properties: { kafka: { const: true } }, required: ['kafka'] },
      then: { required: ['topic'] },
    },
  ];
  it('names each bad field with the template message where given', () => {
    expect(validateParameters(pages, { name: 'Bad Name', java: 11, kafka: true })).toEqual([
      { field: 'name', message: 'lower-case only' },
      { field: 'java', message: 'java must be one of 17, 21' },
      { field: 'topic', message: 'topic is required' },
    ]);
    expect(validateParameters(pages, {})).toEqual([{ field: 'name', message: 'Name is required' }]);
    expect(validateParameters(pages, { name: 'ok', java: 21, kafka: false })).toEqual([]);
  });

  it('stops a template pattern that backtracks exponentially, says so, and still checks every other field', () => {
    const page = {
      properties: {
        name: { type: 'string', title: 'Name', pattern: '^(a+)+$', errorMessage: { pattern: 'only a' } },
        tags: { type: 'array', items: { type: 'string', pattern: '^([a-z]+-?)+$' } },
        slug: { type: 'string', title: 'Slug', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' },
      },
    };
    const started = performance.now();
    const errors = validateParameters([page], {
      name: `${'a'.repeat(40)}!`,
      tags: Array(1000).fill(`${'a'.repeat(40)}!`),
      slug: 'Not A Slug',
    });
    // Unbounded, the name alone takes minutes (each character more doubles it) and each tag as long.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(errors).toContainEqual({
      field: 'name',
      message:
        "Name could not be checked against ^(a+)+$ in time: the template's pattern can take exponential time; ask its owner to simplify it",
    });
    expect(errors.filter((e) => e.field.startsWith('tags.')).length).toBe(1000);
    // What the spent budget left unchecked is not accepted either.
    expect(errors).toContainEqual({
      field: 'slug',
      message: "Slug was not checked against ^[a-z0-9]+(-[a-z0-9]+)*$: checking the other fields' patterns took too long",
    });
    // The next validation has its own budget: patterns are checked again.
    expect(validateParameters([page], { name: 'aaa', tags: ['a-b'], slug: 'a-slug' })).toEqual([]);
    expect(validateParameters([page], { name: 'aab' })).toEqual([{ field: 'name', message: 'only a' }]);
  });

  it('tries a pattern once more when the process stalled past its deadline, rather than refusing the value', () => {
    // What a stalled process looks like from here: the pattern's first run times out, as vm's
    // watchdog reports it, though the pattern takes microseconds.
    const run = vm.Script.prototype.runInContext;
    let stalls = 1;
    const spy = vi.spyOn(vm.Script.prototype, 'runInContext').mockImplementation(function (this: vm.Script, context, options) {
      if ((context as { re?: unknown }).re && stalls > 0) {
        stalls -= 1;
        throw Object.assign(new Error('Script execution timed out after 200ms'), { code: 'ERR_SCRIPT_EXECUTION_TIMEOUT' });
      }
      return run.call(this, context, options);
    });
    try {
      expect(validateParameters(pages, { name: 'ok', java: 21 })).toEqual([]);
      stalls = 1;
      expect(validateParameters(pages, { name: 'Bad Name' })).toEqual([{ field: 'name', message: 'lower-case only' }]);
      expect(stalls).toBe(0);
    } finally {
      spy.mockRestore();
    }
  });

  it('checks uniqueItems on a long list of objects in linear time, and still names a duplicate', () => {
    const page = { properties: { xs: { type: 'array', title: 'Mounts', uniqueItems: true } } };
    // ~330 kB of values: ajv's pairwise deep equal took 18 s on these (the request thread waits).
    const xs = Array.from({ length: 30_000 }, (_, i) => ({ a: i, b: 'x' }));
    const started = performance.now();
    expect(validateParameters([page], { xs })).toEqual([]);
    expect(performance.now() - started).toBeLessThan(5_000);
    // Equal as a deep equal finds them: the order of keys does not matter.
    expect(validateParameters([page], { xs: [{ a: 1, b: 'x' }, { a: 2 }, { b: 'x', a: 1 }] })).toEqual([
      { field: 'xs', message: 'Mounts must NOT have duplicate items (items 0 and 2 are identical)' },
    ]);
    expect(validateParameters([page], { xs: [1, '1', [1], { 1: 1 }, null, 'null'] })).toEqual([]);
  });

  it('stops a schema that costs far more than its size and says what to change', () => {
    // Each definition checks the next one twice: 2^32 checks of one string (minutes), from 2 kB.
    const definitions: Record<string, unknown> = { d32: { type: 'string', minLength: 1 } };
    for (let i = 0; i < 32; i++)
      definitions[`d${i}`] = { allOf: [{ $ref: `#/definitions/d${i + 1}` }, { $ref: `#/definitions/d${i + 1}` }] };
    const page = { definitions, properties: { name: { $ref: '#/definitions/d0' } } };
    const started = performance.now();
    expect(validateParameters([page], { name: 'x' })).toEqual([
      {
        field: '_',
        message:
          "The values could not be checked against the template's parameters within 2 s: a list is too long or the parameter schema too complex. Submit fewer items, or ask the template's owner to simplify its parameters",
      },
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
    // The next validation starts its own clock.
    expect(validateParameters([{ properties: { name: { type: 'string' } } }], { name: 'x' })).toEqual([]);
  }, 60_000);
});
