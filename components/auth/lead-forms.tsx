'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { appointLeadAction, removeLeadAction } from '@/lib/auth/actions';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

/** Appoints a lead; with a single group (the Group page) that group is fixed and not asked for. */
export function LeadForm({ groups, users }: { groups: string[]; users: { ref: string; name: string }[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        const form = new FormData(e.currentTarget);
        start(async () => {
          const res = await appointLeadAction({ groupRef: form.get('groupRef'), userRef: form.get('userRef') });
          setMessage(res.ok ? `${res.data.userRef} now leads ${res.data.groupRef}.` : res.error);
          if (res.ok) router.refresh();
        });
      }}
    >
      {groups.length === 1 ? (
        <input type="hidden" name="groupRef" value={groups[0]} />
      ) : (
        <Field label="Group">
          {(p) => (
            <Select {...p} name="groupRef">
              {groups.map((g) => (
                <option key={g} value={g}>
                  {g}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label="User">
        {(p) => (
          <Select {...p} name="userRef">
            {users.map((u) => (
              <option key={u.ref} value={u.ref}>
                {u.name} ({u.ref})
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Button type="submit" disabled={pending}>
        Appoint lead
      </Button>
      {message && (
        <p role="status" className="w-full text-sm">
          {message}
        </p>
      )}
    </form>
  );
}

export function RemoveLeadButton({ groupRef, userRef }: { groupRef: string; userRef: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() =>
        start(async () => {
          const res = await removeLeadAction({ groupRef, userRef });
          if (!res.ok) window.alert(res.error);
          else router.refresh();
        })
      }
    >
      Remove
    </Button>
  );
}
