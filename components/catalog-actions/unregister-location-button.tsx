'use client';

import { Button } from '@/components/ui/button';
import { unregisterLocationAction } from '@/lib/catalog/actions';
import { ConfirmActionButton } from './confirm-action-button';

/**
 * Unregisters a location after an inline confirmation. `disabledReason` (e.g. for locations from
 * the config file) disables the button and says why.
 */
export function UnregisterLocationButton({
  locationId,
  entityCount,
  disabledReason,
}: {
  locationId: string;
  entityCount: number;
  disabledReason?: string;
}) {
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
  return (
    <ConfirmActionButton
      label="Unregister"
      question={`Remove this location and its ${entityCount} ${entityCount === 1 ? 'entity' : 'entities'}?`}
      confirmLabel="Yes, unregister"
      pendingLabel="Unregistering…"
      action={() => unregisterLocationAction({ id: locationId })}
      redirectTo="/locations"
      align="end"
    />
  );
}
