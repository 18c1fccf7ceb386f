'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { unregisterLocationAction } from '@/lib/catalog/actions';
import { ActionFeedback } from './action-feedback';

/**
 * Unregisters a location after an inline confirmation. `disabledReason` (e.g. for locations from
 * the config file) disables the button and says why.
 */
export function UnregisterLocationButton({ locationId, entityCount, disabledReason }: { locationId: string; entityCount: number; disabledReason?: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  if (disabledReason) {
    return (
      <div className="flex max-w-xs flex-col items-end gap-1 text-right">
        <Button type="button" variant="danger" disabled aria-describedby="unregister-reason">
          Unregister
        </Button>
        <p id="unregister-reason" className="text-xs text-slate-500 dark:text-slate-400">
          {disabledReason}
        </p>
      </div>
    );
  }

  const unregister = () =>
    start(async () => {
      const result = await unregisterLocationAction({ id: locationId });
      if (result.ok) router.push('/locations');
      else setError(result.error);
    });

  return (
    <div className="flex max-w-sm flex-col items-end gap-1 text-right">
      {confirming ? (
        <div className="flex flex-wrap items-center justify-end gap-2">
          <span className="text-sm">
            Remove this location and its {entityCount} {entityCount === 1 ? 'entity' : 'entities'}?
          </span>
          <Button type="button" variant="danger" onClick={unregister} disabled={pending}>
            {pending ? 'Unregistering…' : 'Yes, unregister'}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
          Unregister
        </Button>
      )}
      <ActionFeedback error={error} />
    </div>
  );
}
