import { buttonClass } from './button';

/**
 * A control the person may not use, shown so they know it exists: disabled, and the reason on
 * hover (title) and to assistive technology (the title is the button's accessible description).
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
  return (
    <span title={reason} className="inline-flex">
      <button type="button" disabled title={reason} className={`${buttonClass(variant)} opacity-60`}>
        {label}
      </button>
    </span>
  );
}
