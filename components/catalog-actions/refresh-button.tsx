'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { refreshEntityAction, refreshLocationAction, type RefreshResult } from '@/lib/catalog/actions';
import type { ActionResult } from '@/lib/auth/action';
import { ActionFeedback } from './action-feedback';

function describe(r: RefreshResult): string {
  const parts = [`${r.added} added`, `${r.updated} updated`, `${r.removed} removed`, `${r.unchanged} unchanged`];
  const where = r.locations === 1 ? '1 location' : `${r.locations} locations`;
  return `Refreshed ${where}: ${parts.join(', ')}${r.errors ? `; ${r.errors} error${r.errors === 1 ? '' : 's'}` : ''}.`;
}

function useRefresh<T extends RefreshResult>(run: () => Promise<ActionResult<T>>, message: (r: T) => string = describe) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<{ error?: string; success?: string }>({});
  const onClick = () =>
    start(async () => {
      const result = await run();
      setState(result.ok ? { success: message(result.data) } : { error: result.error });
    });
  return { pending, state, onClick };
}

/** Re-reads the location an entity came from, now. */
export function RefreshButton({ entityRef }: { entityRef: string }) {
  const refresh = useRefresh(
    () => refreshEntityAction({ entityRef }),
    (r) => (r.managed ? 'This entity is managed in the portal; there is no source to re-read.' : describe(r)),
  );
  return <RefreshControl {...refresh} />;
}

/** Re-reads a location (and the locations it declares), now. */
export function RefreshLocationButton({ locationId }: { locationId: string }) {
  return <RefreshControl {...useRefresh(() => refreshLocationAction({ id: locationId }))} />;
}

function RefreshControl({ pending, state, onClick }: ReturnType<typeof useRefresh>) {
  return (
    <div className="flex flex-col items-end gap-1">
      <Button type="button" variant="secondary" onClick={onClick} disabled={pending}>
        {pending ? 'Refreshing…' : 'Refresh'}
      </Button>
      <ActionFeedback {...state} />
    </div>
  );
}
