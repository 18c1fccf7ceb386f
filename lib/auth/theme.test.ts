import { describe, expect, it } from 'vitest';
import { themeOf } from './theme';

describe('the theme a cookie names', () => {
  it.each([
    ['light', 'light'],
    ['dark', 'dark'],
    [undefined, 'auto'],
    ['auto', 'auto'],
    ['Dark', 'auto'],
    ['"><script>', 'auto'],
  ])('%s → %s', (value, theme) => {
    expect(themeOf(value)).toBe(theme);
  });
});
