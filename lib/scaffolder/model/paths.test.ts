import { describe, expect, it } from 'vitest';
import { confinedRelativePath } from './paths';

describe('confinedRelativePath', () => {
  it.each([
    ['src/main.ts', 'src/main.ts'],
    ['./a/../b', 'b'],
    ['', ''],
    ['.', ''],
    ['dir/', 'dir'],
    ['a\\b', 'a/b'],
  ])('accepts %j as %j', (input, out) => expect(confinedRelativePath(input)).toBe(out));

  it.each(['../x', 'a/../../x', '/etc/passwd', 'C:\\Windows', '..', 'a/\0b', '..\\..\\x'])('refuses %j', (input) => {
    expect(() => confinedRelativePath(input)).toThrow(/workspace|absolute|NUL/);
  });
});
