import { describe, expect, it } from 'vitest';
import { baseSecurityHeaders, createNonce, isHttps, pagePolicy } from './security-headers';

describe('security headers', () => {
  it('makes a fresh 128-bit nonce per call', () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    for (const n of nonces) expect(Buffer.from(n, 'base64')).toHaveLength(16);
  });

  it('allows scripts only with the nonce (eval only in development)', () => {
    const scripts = (p: string) => p.split('; ').find((d) => d.startsWith('script-src'));
    expect(scripts(pagePolicy('abc'))).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(scripts(pagePolicy('abc', { dev: true }))).toContain("'unsafe-eval'");
    expect(pagePolicy('abc')).toContain("frame-ancestors 'none'");
  });

  it.each([
    ['http://localhost:3000/', null, false],
    ['https://portal.example/', null, true],
    ['http://10.0.0.5:3000/', 'https', true],
    ['http://10.0.0.5:3000/', 'https, http', true],
    ['http://10.0.0.5:3000/', 'http', false],
  ])('%s with X-Forwarded-Proto %s is https: %s; HSTS follows', (url, proto, https) => {
    expect(isHttps(new URL(url), proto)).toBe(https);
    expect('Strict-Transport-Security' in baseSecurityHeaders(https)).toBe(https);
  });
});
