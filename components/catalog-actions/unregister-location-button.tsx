'use client';

import { unregisterLocationAction } from '@/lib/catalog/actions';
import { ConfirmActionButton } from './confirm-action-button';

/** Unregisters a location after an inline confirmation; `target` names it (on an entity's page, which is not the location's). */
export function UnregisterLocationButton({
  locationId,
  entityCount,
  target,
}: {
  locationId: string;
  entityCount: number;
  target?: string;
}) {
  return (
    <ConfirmActionButton
      label="Unregister"
      question={`Remove ${target ? `the location ${target}` : 'this location'} and its ${entityCount} ${entityCount === 1 ? 'entity' : 'entities'}?`}
      confirmLabel="Yes, unregister"
      pendingLabel="Unregistering…"
      action={() => unregisterLocationAction({ id: locationId })}
      redirectTo="/locations"
      align="end"
    />
  );
}
