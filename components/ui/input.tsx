import type { InputHTMLAttributes } from 'react';

/** The look of every text control (input, select, textarea): one border, one focus ring, dark mode. */
export const controlClass =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm placeholder:text-slate-500 focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-500/30 disabled:bg-slate-100 disabled:text-slate-500 aria-[invalid=true]:border-red-500 dark:border-slate-700 dark:bg-slate-950 dark:disabled:bg-slate-800';

/** Full width of its column, or `inline`: as wide as its content, for a row of filters. */
export const controlWidth = (inline = false) => (inline ? '' : 'block w-full');

/** A text input; `className` adds to the look (width, font), it does not replace it. */
export function Input({ inline, className = '', ...props }: InputHTMLAttributes<HTMLInputElement> & { inline?: boolean }) {
  return <input {...props} className={`${controlClass} ${controlWidth(inline)} ${className}`} />;
}
