import { useId } from 'react';
import { buttonClass } from './button';

/**
 * A control the person may not use, shown so they know it exists: disabled, with the reason as
 * text under it (a `title` tooltip never shows on a touch screen), which is also the button's
 * accessible description.
 */
export function DisabledButton({
  label,
  reason,
  variant = 'secondary',
}: {
  label: string;
  reason: string;
  variant?: Parameters<typeof buttonClass>[0];
}) {
  const reasonId = useId();
  return (
    <span className="inline-flex max-w-xs flex-col items-start gap-1 sm:items-end sm:text-right">
      <button type="button" disabled aria-describedby={reasonId} className={`${buttonClass(variant)} opacity-60`}>
        {label}
      </button>
      <span id={reasonId} className="text-xs text-slate-500 dark:text-slate-400">
        {reason}
      </span>
    </span>
  );
}
