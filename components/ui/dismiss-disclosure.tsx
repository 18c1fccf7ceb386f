'use client';

import { useEffect, useRef } from 'react';

/**
 * Put inside a <details> used as a menu: Escape closes it (and gives the focus back to its summary),
 * as does a click outside it. Without JavaScript the menu still opens and closes from its summary.
 */
export function DismissDisclosure() {
  const ref = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const details = ref.current?.closest('details');
    if (!details) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || !details.open) return;
      details.open = false;
      details.querySelector('summary')?.focus();
    };
    const onClick = (e: MouseEvent) => {
      if (details.open && !details.contains(e.target as Node)) details.open = false;
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return <span ref={ref} hidden />;
}
