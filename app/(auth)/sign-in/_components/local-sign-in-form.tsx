'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { localSignInAction } from '@/lib/auth/actions';

export function LocalSignInForm({ users, callbackUrl }: { users: { ref: string; name: string; login: string }[]; callbackUrl: string }) {
  const [state, action, pending] = useActionState(localSignInAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block text-sm font-medium text-slate-700 dark:text-slate-200" htmlFor="local-user">
        Sign in as
      </label>
      <select id="local-user" name="userRef" required className="w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950">
        {users.map((u) => (
          <option key={u.ref} value={u.ref}>
            {u.name} ({u.login})
          </option>
        ))}
      </select>
      {state && !state.ok && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{state.error}</p>}
      <Button type="submit" variant="secondary" disabled={pending || users.length === 0}>
        {pending ? 'Signing in…' : 'Sign in locally'}
      </Button>
    </form>
  );
}
