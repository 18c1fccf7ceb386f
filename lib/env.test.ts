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
});
