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

  it('refuses a targetPath of 200,000 "../" in linear time', () => {
    // A dry run's template is anyone's: path.posix.normalize took 12 s on 133,000.
    const started = performance.now();
    expect(() => confinedRelativePath('../'.repeat(200_000), 'targetPath')).toThrow(/leaves the task's workspace/);
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
