import { describe, expect, it } from 'vitest';
import { LineCounter } from 'yaml';
import {
  checkSize,
  DEFAULT_PARSE_LIMITS,
  exceedsDepth,
  formatBytes,
  parseYamlWithLimits,
  resolveParseLimits,
  shortYamlMessage,
} from './yaml-limits';

describe('yaml limits', () => {
  it('has the documented defaults and merges overrides', () => {
    expect(DEFAULT_PARSE_LIMITS).toEqual({ maxBytes: 1048576, maxDocuments: 1000, maxAliasCount: 100, maxDepth: 64 });
    expect(resolveParseLimits({ maxDepth: 3 })).toEqual({ ...DEFAULT_PARSE_LIMITS, maxDepth: 3 });
  });

  it.each([
    [512, '512 bytes'],
    [2048, '2 KiB'],
    [1048576, '1 MiB'],
    [1572864, '1.5 MiB'],
  ])('formats %d bytes as %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it.each([
    ['a'.repeat(10), 10, undefined],
    ['a'.repeat(11), 10, 'file is 11 bytes (11 bytes); the limit is 10 bytes (10 bytes)'],
    ['éé', 3, 'file is 4 bytes (4 bytes); the limit is 3 bytes (3 bytes)'],
  ])('checkSize(%j, %d)', (text, maxBytes, message) => {
    expect(checkSize(text, { ...DEFAULT_PARSE_LIMITS, maxBytes })?.message).toBe(message);
  });

  it('measures depth through shared (aliased) values', () => {
    const leaf = { a: { b: {} } };
    expect(exceedsDepth({ x: leaf, y: leaf }, { ...DEFAULT_PARSE_LIMITS, maxDepth: 4 })).toBe(false);
    expect(exceedsDepth({ x: leaf, y: leaf }, { ...DEFAULT_PARSE_LIMITS, maxDepth: 3 })).toBe(true);
  });

  it('strips the code frame from yaml messages', () => {
    expect(shortYamlMessage('Map keys must be unique at line 2, column 1:\n\na: 1\n^\n')).toBe('Map keys must be unique');
  });
});

describe('parseYamlWithLimits', () => {
  const limits = DEFAULT_PARSE_LIMITS;

  it('parses a value', () => {
    expect(parseYamlWithLimits('a: [1, 2]\n', limits)).toEqual({ value: { a: [1, 2] } });
  });

  it.each([
    ['a: [1\nb: 2\n', 'yaml-syntax'],
    ['a: *missing\n', 'yaml-syntax'],
    [`a: ${'['.repeat(70)}${']'.repeat(70)}`, 'too-deep'],
    ['a: &a [1,1,1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n', 'yaml-aliases'],
  ])('fails %j with %s', (text, code) => {
    const result = parseYamlWithLimits(text, limits);
    expect('failure' in result && result.failure.code).toBe(code);
  });

  it('locates a syntax error via a LineCounter', () => {
    const lineCounter = new LineCounter();
    const result = parseYamlWithLimits('a: 1\na: 2\n', limits, lineCounter);
    if (!('failure' in result)) throw new Error('expected a failure');
    expect(result.failure.message).toBe('invalid YAML: Map keys must be unique');
    expect(lineCounter.linePos(result.failure.offset ?? 0)).toEqual({ line: 2, col: 1 });
  });
});
