import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';
import { ActionRow, DisabledControl } from '@/components/ui/disabled-button';

/** What the entity page may offer; `denied` is why the person may not change this entity. */
export type EntityActionsModel = {
  /** Portal-managed entities are edited in the full form at /edit. */
  editHref: string | null;
  /** "Edit ownership" (owner, system, lifecycle, …) for entities whose descriptor is a file. */
  ownership: { form: ReactNode } | null;
  /** The descriptor in its repository, for a change the ownership form does not cover. */
  sourceUrl: string | null;
  denied: string | null;
  /** A change already waits in a pull request. */
  pendingReason: string | null;
};

/**
 * The entity page's action area: only what the person may do; a change they may not make is shown
 * disabled, with the reason under the row. The server checks again when an action runs.
 */
export function EntityActions({
  model,
  refreshSlot,
  dangerSlot,
}: {
  model: EntityActionsModel;
  refreshSlot?: ReactNode;
  /** A destructive action (Unregister), last in the row. */
  dangerSlot?: ReactNode;
}) {
  const { editHref, ownership, sourceUrl, denied, pendingReason } = model;
  const blocked = editHref || ownership ? (denied ?? pendingReason) : null;
  return (
    <ActionRow reason={blocked}>
      {(reasonId) => (
        <>
          {refreshSlot}
          {sourceUrl && (
            <a href={sourceUrl} target="_blank" rel="noreferrer" className={buttonClass('secondary')}>
              View source
            </a>
          )}
          {editHref &&
            (reasonId ? (
              <DisabledControl label="Edit" reasonId={reasonId} />
            ) : (
              <Link href={editHref} className={buttonClass('secondary')}>
                Edit
              </Link>
            ))}
          {ownership && (reasonId ? <DisabledControl label="Edit ownership" reasonId={reasonId} /> : ownership.form)}
          {dangerSlot}
        </>
      )}
    </ActionRow>
  );
}
