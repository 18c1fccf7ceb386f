'use client';

import { useActionState } from 'react';
import { Button } from '@/components/ui/button';
import { localSignInAction } from '@/lib/auth/actions';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

export function LocalSignInForm({ users, callbackUrl }: { users: { ref: string; name: string; login: string }[]; callbackUrl: string }) {
  const [state, action, pending] = useActionState(localSignInAction, null);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field id="local-user" label="Sign in as">
        {(p) => (
          <Select {...p} name="userRef" required>
            {users.map((u) => (
              <option key={u.ref} value={u.ref}>
                {u.name} ({u.login})
              </option>
            ))}
          </Select>
        )}
      </Field>
      {state && !state.ok && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {state.error}
        </p>
      )}
      <Button type="submit" variant="secondary" disabled={pending || users.length === 0}>
        {pending ? 'Signing in…' : 'Sign in locally'}
      </Button>
    </form>
  );
}
