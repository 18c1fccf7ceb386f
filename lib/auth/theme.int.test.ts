import { beforeEach, describe, expect, it, vi } from 'vitest';
import { signInAs, signOut } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';
import { setThemeAction } from './actions';
import { THEME_COOKIE } from './theme';

// Settings → Appearance: the theme is this browser's cookie, set only through the action's checks.

const written = vi.hoisted(() => [] as unknown[][]);
vi.mock('next/headers', async () => {
  const signIn = (await import('@/testing/sign-in')).nextHeadersModule();
  return {
    headers: signIn.headers,
    cookies: async () => ({
      ...(await signIn.cookies()),
      set: (...args: unknown[]) => void written.push(['set', ...args]),
      delete: (name: string) => void written.push(['delete', name]),
    }),
  };
});

useTestDb();
useTestConfig('theme', 'auth:\n  allowUnknownUsers: true\n');

beforeEach(() => {
  written.length = 0;
});

describe('choosing a theme', () => {
  it('keeps light or dark in a year-long cookie only the server reads, and the system’s as no cookie', async () => {
    await signInAs({ login: 'ada' });
    expect(await setThemeAction({ theme: 'dark' })).toEqual({ ok: true, data: { theme: 'dark' } });
    expect(written).toEqual([
      ['set', THEME_COOKIE, 'dark', { httpOnly: true, sameSite: 'lax', path: '/', secure: false, maxAge: 365 * 24 * 3600 }],
    ]);
    expect(await setThemeAction({ theme: 'auto' })).toMatchObject({ ok: true });
    expect(written.at(-1)).toEqual(['delete', THEME_COOKIE]);
  });

  it('refuses anything but auto, light or dark, and a request without a session, writing nothing', async () => {
    await signInAs({ login: 'ada' });
    expect(await setThemeAction({ theme: 'solarized' })).toMatchObject({
      ok: false,
      code: 'BAD_REQUEST',
      fieldErrors: { theme: ['choose auto, light or dark'] },
    });
    signOut();
    expect(await setThemeAction({ theme: 'dark' })).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(written).toEqual([]);
  });
});
