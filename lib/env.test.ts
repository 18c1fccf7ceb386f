import { describe, expect, it } from 'vitest';
import { envSchema } from './env';

describe('environment', () => {
  it('refuses a pool too small for its two listening connections, saying why', () => {
    const small = envSchema.safeParse({ DATABASE_POOL_MAX: '3' });
    expect(small.success).toBe(false);
    expect(small.error?.issues[0].message).toMatch(/at least 4: two connections stay open to LISTEN/);
    expect(envSchema.parse({ DATABASE_POOL_MAX: '4' }).DATABASE_POOL_MAX).toBe(4);
    expect(envSchema.parse({}).DATABASE_POOL_MAX).toBe(10);
  });

  it.each(['javascript:alert(1)', 'ftp://portal.example.com', 'file:///etc/passwd', 'portal.example.com'])(
    'refuses NEXTAUTH_URL %s: only the http(s) URL the portal is served at',
    (value) => {
      const parsed = envSchema.safeParse({ NEXTAUTH_URL: value });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]).toMatchObject({
        path: ['NEXTAUTH_URL'],
        message: 'must be the http(s) URL the portal is served at (e.g. https://portal.example.com)',
      });
    },
  );

  it('takes an http(s) NEXTAUTH_URL', () => {
    expect(envSchema.parse({ NEXTAUTH_URL: 'https://portal.example.com' }).NEXTAUTH_URL).toBe('https://portal.example.com');
    expect(envSchema.parse({ NEXTAUTH_URL: 'http://localhost:3000' }).NEXTAUTH_URL).toBe('http://localhost:3000');
    expect(envSchema.parse({ NEXTAUTH_URL: '' }).NEXTAUTH_URL).toBeUndefined();
  });
});
