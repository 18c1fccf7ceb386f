import { describe, expect, it, vi } from 'vitest';
import EditScorecardPage from '@/app/(portal)/scorecards/[id]/edit/page';
import { signInAs } from '@/testing/sign-in';
import { useTestConfig } from '@/testing/test-config';
import { useTestDb } from '@/testing/test-db';

// Pages read the session cookie of the request; testing/sign-in.ts provides the request.
vi.mock('next/headers', async () => (await import('@/testing/sign-in')).nextHeadersModule());

useTestDb();
// the-admin is on no User of the catalog.
useTestConfig('scorecard-pages', 'auth:\n  admins:\n    logins: [the-admin]\n  allowUnknownUsers: true\n');

describe('the scorecard editor page', () => {
  it('answers 404, not 500, for an address whose id is not a scorecard id (a stray %)', async () => {
    await signInAs({ login: 'the-admin' });
    for (const id of ['%E0%A4%A', '%zz', 'no-such-card'])
      await expect(EditScorecardPage({ params: Promise.resolve({ id }) })).rejects.toMatchObject({
        digest: 'NEXT_HTTP_ERROR_FALLBACK;404',
      });
  });
});
