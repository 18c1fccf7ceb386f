'use client';

import { unregisterLocationAction } from '@/lib/catalog/actions';
import { ConfirmActionButton } from './confirm-action-button';

/** Unregisters a location after an inline confirmation. */
export function UnregisterLocationButton({ locationId, entityCount }: { locationId: string; entityCount: number }) {
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
