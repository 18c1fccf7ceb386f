import { useId, type ReactNode } from 'react';
import { buttonClass } from './button';

type Variant = Parameters<typeof buttonClass>[0];

/**
 * A row of actions some of which the person may not use: the buttons stay side by side, and why
 * they are disabled is text under the row (a `title` tooltip never shows on a touch screen), which is
 * also each disabled button's accessible description. `children` gets the reason's id, or undefined
 * when nothing is disabled.
 */
export function ActionRow({ reason, children }: { reason: string | null; children: (reasonId: string | undefined) => ReactNode }) {
  const reasonId = useId();
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex flex-wrap items-start gap-2 sm:justify-end">{children(reason ? reasonId : undefined)}</div>
      {reason && (
        <p id={reasonId} className="max-w-xs text-xs text-slate-500 sm:text-right dark:text-slate-400">
          {reason}
        </p>
      )}
    </div>
  );
}

/** A control the person may not use, shown so they know it exists; `reasonId` is an ActionRow's reason. */
export function DisabledControl({
  label,
  reasonId,
  variant = 'secondary',
}: {
  label: string;
  reasonId: string | undefined;
  variant?: Variant;
}) {
  return (
    <button type="button" disabled aria-describedby={reasonId} className={`${buttonClass(variant)} opacity-60`}>
      {label}
    </button>
  );
}

/** One disabled control with the reason under it. */
export function DisabledButton({ label, reason, variant }: { label: string; reason: string; variant?: Variant }) {
  return <ActionRow reason={reason}>{(reasonId) => <DisabledControl label={label} reasonId={reasonId} variant={variant} />}</ActionRow>;
}
