import Link from 'next/link';
import { getConfig } from '@/lib/config/load-config';

export const dynamic = 'force-dynamic';

// Where GitHub sign-in lands when the login is on no User entity (lib/auth/next-auth-options.ts).
export default async function UnknownUserPage({ searchParams }: { searchParams: Promise<{ login?: string }> }) {
  const { login = '(unknown)' } = await searchParams;
  const { auth } = getConfig();
  return (
    <div className="space-y-4 text-sm text-slate-700 dark:text-slate-300">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">You are not in the catalog yet</h1>
      <p>
        Your GitHub login <strong>{login}</strong> is not on any User entity in the catalog: no User has the annotation{' '}
        <code>github.com/user-login: {login}</code>, and there is no <code>user:default/{login}</code>. Wayfinder signs people in as the
        catalog User they are, so it cannot sign you in.
      </p>
      <p>What an admin can do:</p>
      <ul className="list-disc space-y-1 pl-6">
        <li>
          add <code>github.com/user-login: {login}</code> to your User entity&apos;s <code>metadata.annotations</code>;
        </li>
        <li>
          run the GitHub org sync (a <code>github-org</code> location) so GitHub org members become User entities;
        </li>
        <li>
          or set <code>auth.allowUnknownUsers: true</code> in wayfinder.config.yaml to let people outside the catalog in as plain members
          {auth.allowUnknownUsers ? ' (it is on now: try again)' : ''}.
        </li>
      </ul>
      <p>
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </div>
  );
}
