'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { createApiTokenAction } from '@/lib/auth/actions';
import type { TokenPolicy } from '@/lib/auth/api-tokens';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';

/**
 * `policy`: the scopes and lifetimes this person may choose (the server checks them again).
 * `revokedIds`: the person's revoked tokens (the list refreshes after a revoke); the new token's
 * secret leaves the screen once its token is among them.
 */
export function CreateTokenForm({ policy, revokedIds }: { policy: TokenPolicy; revokedIds: readonly string[] }) {
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<{ id: string; token: string } | null>(null);
  // A secret stays on screen no longer than it is of use: not once its token is revoked.
  if (created && revokedIds.includes(created.id)) setCreated(null);
  return (
    <div className="space-y-3">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          const form = new FormData(e.currentTarget);
          start(async () => {
            const res = await createApiTokenAction({
              name: form.get('name'),
              scope: form.get('scope'),
              expiresInDays: form.get('expiresInDays'),
            });
            if (res.ok) {
              setCreated({ id: res.data.id, token: res.data.token });
              setName('');
              setError(null);
            } else {
              setError(res.fieldErrors ? Object.values(res.fieldErrors).flat().join('; ') : res.error);
            }
          });
        }}
      >
        <Field label="Name">
          {(p) => (
            <Input
              {...p}
              name="name"
              required
              maxLength={100}
              placeholder="ci-deploy"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field label="Scope">
          {(p) => (
            <Select {...p} name="scope" defaultValue="read">
              {policy.scopes.map((scope) => (
                <option key={scope} value={scope}>
                  {scope}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label="Expires">
          {(p) => (
            <Select {...p} name="expiresInDays" defaultValue={String(Math.min(90, policy.maxDays))}>
              {policy.expiryChoices.map((days) => (
                <option key={days} value={days}>
                  in {days} days
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Button type="submit" disabled={pending}>
          {pending ? 'Creating…' : 'Create token'}
        </Button>
      </form>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      {created && (
        <div
          role="status"
          className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950"
        >
          <p className="mb-1 font-medium">Copy your new token now: it will not be shown again.</p>
          <code data-testid="new-token" className="break-all">
            {created.token}
          </code>
        </div>
      )}
    </div>
  );
}
