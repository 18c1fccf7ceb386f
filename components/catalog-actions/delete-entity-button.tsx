'use client';

import { deleteManagedEntityAction } from '@/lib/catalog/actions';
import { ConfirmActionButton } from './confirm-action-button';

/** Deletes a portal-managed entity after a confirmation dialog, then goes to the catalog. */
export function DeleteEntityButton({ entityRef, label }: { entityRef: string; label: string }) {
  return (
    <ConfirmActionButton
      label="Delete"
      question={`Delete ${label}? This cannot be undone.`}
      confirmLabel="Yes, delete"
      pendingLabel="Deleting…"
      action={() => deleteManagedEntityAction({ entityRef })}
      redirectTo="/catalog"
    />
  );
}
