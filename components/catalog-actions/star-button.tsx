'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { starEntityAction } from '@/lib/catalog/actions';
import { ActionFeedback } from './action-feedback';

/**
 * Stars or unstars an entity for the signed-in person (a toggle: aria-pressed says which). Starred
 * entities are on the home page and behind the catalog list's "Starred".
 */
export function StarButton({
  entityRef,
  starred: initial,
  compact = false,
  label = entityRef,
}: {
  entityRef: string;
  starred: boolean;
  /** An icon only (lists): its accessible name then says which entity, `label`. */
  compact?: boolean;
  label?: string;
}) {
  const [starred, setStarred] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const onClick = () =>
    start(async () => {
      const result = await starEntityAction({ entityRef, starred: !starred });
      if (result.ok) setStarred(result.data.starred);
      setError(result.ok ? null : result.error);
    });
  return (
    <div className="flex flex-col items-end gap-1">
      <Button
        type="button"
        variant="secondary"
        aria-pressed={starred}
        // One name whatever the state (a toggle's state is aria-pressed); the visible text contains it.
        aria-label={compact ? `Star ${label}` : 'Star'}
        title={starred ? 'Remove from your starred entities' : 'Add to your starred entities'}
        onClick={onClick}
        disabled={pending}
        className={compact ? '!px-2 !py-0.5 !shadow-none' : ''}
      >
        <span aria-hidden="true" className={starred ? 'text-amber-500' : 'text-slate-400'}>
          {starred ? '★' : '☆'}
        </span>
        {!compact && (starred ? 'Starred' : 'Star')}
      </Button>
      <ActionFeedback error={error} />
    </div>
  );
}
