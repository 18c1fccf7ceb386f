'use client';

import { useRouter } from 'next/navigation';
import { startTransition, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { appointLeadAction, removeLeadAction } from '@/lib/auth/actions';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import { leadChoices, type LeadGroup, type Person } from './lead-choices';

/**
 * Appoints a lead; with a single group (the Group page) that group is fixed and not asked for. The
 * people offered are the chosen group's members first, then everyone else, never its current
 * leads; after an appointment the picker starts over.
 */
export function LeadForm({ groups, users }: { groups: LeadGroup[]; users: Person[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [groupRef, setGroupRef] = useState(groups[0]?.ref ?? '');
  const [userRef, setUserRef] = useState('');
  const group = groups.find((g) => g.ref === groupRef) ?? { ref: groupRef, leads: [], members: [] };
  const { members, others } = leadChoices(users, group);
  const option = (u: Person) => (
    <option key={u.ref} value={u.ref}>
      {u.name} ({u.ref})
    </option>
  );
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const res = await appointLeadAction({ groupRef, userRef });
          // One transition: the message shows with the refreshed list of leads, not before it.
          startTransition(() => {
            setMessage(res.ok ? `${res.data.userRef} now leads ${res.data.groupRef}.` : res.error);
            if (res.ok) {
              setUserRef('');
              router.refresh();
            }
          });
        });
      }}
    >
      {groups.length > 1 && (
        <Field label="Group">
          {(p) => (
            <Select
              {...p}
              name="groupRef"
              value={groupRef}
              onChange={(e) => {
                setGroupRef(e.target.value);
                setUserRef('');
              }}
            >
              {groups.map((g) => (
                <option key={g.ref} value={g.ref}>
                  {g.ref}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label="User">
        {(p) => (
          <Select {...p} name="userRef" required value={userRef} onChange={(e) => setUserRef(e.target.value)}>
            <option value="" disabled>
              {members.length + others.length ? 'Choose a person' : 'Everyone leads this group already'}
            </option>
            {members.length > 0 && (
              <optgroup label={`Members of ${group.ref.replace(/^group:default\//, '')}`}>{members.map(option)}</optgroup>
            )}
            {members.length > 0 && others.length > 0 ? <optgroup label="Everyone else">{others.map(option)}</optgroup> : others.map(option)}
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
