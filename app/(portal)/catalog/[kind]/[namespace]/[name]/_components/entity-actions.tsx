import Link from 'next/link';
import type { ReactNode } from 'react';
import { buttonClass } from '@/components/ui/button';

/**
 * The entity page's action area. `refreshSlot` is where the entity RefreshButton (built with the
 * create/edit forms) is rendered; the page passes it in, so this file needs no change to wire it.
 */
export function EntityActions({ editHref, refreshSlot }: { editHref: string; refreshSlot?: ReactNode }) {
  return (
    <>
      {refreshSlot}
      <Link href={editHref} className={buttonClass('secondary')}>
        Edit
      </Link>
    </>
  );
}
