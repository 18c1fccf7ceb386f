'use client';

import { useRouter } from 'next/navigation';
import { startTransition, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { appointLeadAction, removeLeadAction } from '@/lib/auth/actions';
import { Field } from '@/components/ui/field';
import { RefCombobox } from '@/components/catalog/ref-combobox';

const GROUP_REF = /^group:[^/]+\/.+$/i;

/**
 * Appoints a lead; with `groupRef` (the Group page) that group is fixed and not asked for. The
 * people offered, as the admin types, are those who could lead the chosen group: its members first,
 * never its current leads. After an appointment the picker starts over.
 */
export function LeadForm({ groupRef: fixed }: { groupRef?: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const [groupRef, setGroupRef] = useState(fixed ?? '');
  const [userRef, setUserRef] = useState('');
  const group = GROUP_REF.test(groupRef.trim()) ? groupRef.trim().toLowerCase() : null;
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
      {!fixed && (
        <Field label="Group" className="w-full sm:w-72">
          {(p) => (
            <RefCombobox
              {...p}
              kinds={['group']}
              name="groupRef"
              required
              placeholder="Type a team's name"
              value={groupRef}
              onChange={(ref) => {
                setGroupRef(ref);
                setUserRef('');
              }}
            />
          )}
        </Field>
      )}
      <Field label="User" className="w-full sm:w-72">
        {(p) => (
          <RefCombobox
            {...p}
            kinds={['user']}
            leadOf={group ?? undefined}
            membersLabel={group ? `Members of ${group.replace(/^group:default\//, '')}` : undefined}
            name="userRef"
            required
            placeholder={group ? "Type a person's name" : 'Choose a group first'}
            disabled={!group}
            value={userRef}
            onChange={setUserRef}
          />
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
