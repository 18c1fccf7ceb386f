import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { Card } from '@/components/ui/card';
import { findActor } from '@/lib/auth/authorize';
import { safeCallbackPath } from '@/lib/auth/callback-url';
import { localSignInRefusal } from '@/lib/auth/local-sign-in';
import { listSignInCandidates } from '@/lib/auth/users';
import { getConfig } from '@/lib/config/load-config';
import { getEnv } from '@/lib/env';
import { GithubSignInButton } from './_components/github-sign-in-button';
import { LocalSignInForm } from './_components/local-sign-in-form';

export const dynamic = 'force-dynamic';

// next-auth sends errors here as ?error=<code>: https://next-auth.js.org/configuration/pages#sign-in-page
// A Map: the code is anyone's text, and a plain object answers `__proto__` or `constructor` too.
const ERRORS = new Map<string, string>(
  Object.entries({
    OAuthSignin: 'Could not start the GitHub sign-in. Check auth.github in the configuration.',
    OAuthCallback: 'GitHub sign-in failed on the way back. Try again; if it keeps failing, an admin can check the server log.',
    AccessDenied: 'Sign-in was refused.',
    Callback: 'GitHub sign-in failed on the way back. Try again.',
  }),
);

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string; error?: string }> }) {
  const { callbackUrl: raw, error } = await searchParams;
  const callbackUrl = safeCallbackPath(raw);
  if (await findActor().catch(() => null)) redirect(callbackUrl);
  const { auth } = getConfig();
  const refusal = auth.local.enabled ? localSignInRefusal(await headers(), auth.local, getEnv().NODE_ENV) : null;
  const users = auth.local.enabled && !refusal ? await listSignInCandidates() : [];
  const onlyHere = getEnv().NODE_ENV === 'production' && !auth.local.fromAnyAddress;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">Sign in</h1>
      {auth.local.enabled && (
        <div
          role="note"
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
        >
          <strong>Local sign-in is on.</strong> Anyone who can open this page{onlyHere ? ' on the machine the portal runs on' : ''} can sign
          in as any catalog user, without a password. It is meant for development and the embedded demo; real deployments set{' '}
          <code>auth.local.enabled: false</code> and use GitHub.
        </div>
      )}
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {ERRORS.get(error) ?? `Sign-in failed (${error}).`}
        </p>
      )}
      {auth.github ? (
        <Card title="GitHub">
          <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">Sign in with your GitHub account ({auth.github.host}).</p>
          <GithubSignInButton callbackUrl={callbackUrl} />
        </Card>
      ) : (
        !auth.local.enabled && (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            No sign-in method is configured: an admin sets <code>auth.github</code> in wayfinder.config.yaml.
          </p>
        )
      )}
      {auth.local.enabled && (
        <Card title="Local sign-in (development)">
          {refusal ? (
            <p className="text-sm text-slate-600 dark:text-slate-400">{refusal[0].toUpperCase() + refusal.slice(1)}.</p>
          ) : (
            <LocalSignInForm users={users} callbackUrl={callbackUrl} />
          )}
        </Card>
      )}
    </div>
  );
}
