import { useId, type ReactNode } from 'react';

/** What a Field hands its control: the id its label points at, and the hint and error wiring. */
export type FieldControlProps = { id: string; 'aria-describedby'?: string; 'aria-invalid'?: true };

/**
 * A label, the control, a hint and the errors of one form field. The control is a function of the
 * wiring, so the label names it and a screen reader reads the hint and error with it:
 * `<Field label="Name" error={errors.name}>{(p) => <Input name="name" {...p} />}</Field>`.
 */
export function Field({
  label,
  hint,
  error,
  id: givenId,
  className = '',
  children,
}: {
  label: ReactNode;
  hint?: ReactNode;
  /** One message or several (zod's field errors); none: the field is valid. */
  error?: string | string[] | null;
  id?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}) {
  const generated = useId();
  const id = givenId ?? generated;
  const messages = (Array.isArray(error) ? error : error ? [error] : []).filter(Boolean);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = messages.length ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <div className="mt-1">{children({ id, 'aria-describedby': describedBy, 'aria-invalid': messages.length ? true : undefined })}</div>
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {hint}
        </p>
      )}
      {errorId && (
        <p id={errorId} className="mt-1 whitespace-pre-line text-xs text-red-700 dark:text-red-300">
          {messages.join('\n')}
        </p>
      )}
    </div>
  );
}
