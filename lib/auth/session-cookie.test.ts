import { describe, expect, it } from 'vitest';
import { readCookie } from './session-cookie';

describe('readCookie', () => {
  it.each([
    ['a=1; next-auth.session-token=abc_DEF-123', 'abc_DEF-123'],
    ['next-auth.session-token=a%2Bb', 'a+b'],
    ['other=1', undefined],
    // Not percent-encoding that decodes: no session (anonymous), not a URIError that answers 500.
    ['next-auth.session-token=%E0%A4%A', undefined],
    ['next-auth.session-token=%', undefined],
  ])('%s', (header, expected) => {
    expect(readCookie(header, 'next-auth.session-token')).toBe(expected);
  });
});
