'use client';

import { DisabledButton } from '@/components/ui/disabled-button';
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
  if (disabledReason) return <DisabledButton label="Unregister" reason={disabledReason} variant="danger" />;
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
