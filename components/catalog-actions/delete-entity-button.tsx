'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { deleteManagedEntityAction } from '@/lib/catalog/actions';
import { ActionFeedback } from './action-feedback';

/** Deletes a portal-managed entity after an inline confirmation, then goes to the catalog. */
export function DeleteEntityButton({ entityRef, label }: { entityRef: string; label: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const remove = () =>
    start(async () => {
      const result = await deleteManagedEntityAction({ entityRef });
      if (result.ok) router.push('/catalog');
      else setError(result.error);
    });

  return (
    <div className="flex flex-col items-start gap-2">
      {confirming ? (
        <div className="flex flex-wrap items-center gap-2">
          <span className="text-sm">Delete {label}? This cannot be undone.</span>
          <Button type="button" variant="danger" onClick={remove} disabled={pending}>
            {pending ? 'Deleting…' : 'Yes, delete'}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
          Delete
        </Button>
      )}
      <ActionFeedback error={error} />
    </div>
  );
}
