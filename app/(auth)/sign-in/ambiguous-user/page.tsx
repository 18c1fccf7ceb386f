import Link from 'next/link';
import { resolveIdentity } from '@/lib/auth/resolve';

export const dynamic = 'force-dynamic';

// Where GitHub sign-in lands when several trusted User entities claim the login and none of them
// comes from org sync (lib/auth/next-auth-options.ts): Wayfinder will not guess who you are.
export default async function AmbiguousUserPage({ searchParams }: { searchParams: Promise<{ login?: string }> }) {
  const { login: raw } = await searchParams;
  const login = typeof raw === 'string' && /^[a-z0-9-]{1,39}$/i.test(raw) ? raw.toLowerCase() : null;
  const identity = login ? await resolveIdentity(login) : null;
  const refs = identity?.status === 'ambiguous' ? identity.refs : [];
  return (
    <div className="space-y-4 text-sm text-slate-700 dark:text-slate-300">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">
        Your GitHub login matches more than one person
      </h1>
      {refs.length ? (
        <>
          <p>
            These User entities all claim the GitHub login <strong>{login}</strong> (annotation <code>github.com/user-login: {login}</code>
            ), so Wayfinder cannot tell which one is you and does not sign you in:
          </p>
          <ul className="list-disc space-y-1 pl-6" aria-label="User entities claiming the login">
            {refs.map((ref) => (
              <li key={ref}>
                <code>{ref}</code>
              </li>
            ))}
          </ul>
          <p>
            What an admin can do: keep the annotation on one of them and remove it from the others (in their descriptor files), or run the
            GitHub org sync (a <code>github-org</code> location), whose User for a login always wins.
          </p>
        </>
      ) : (
        <p>This is settled now (or the link is not from a sign-in): try signing in again.</p>
      )}
      <p>
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </div>
  );
}
