import { yamlHint } from '@/lib/catalog/model/yaml-hints';

/** An error message verbatim, and beside it a plain-language hint when it is a YAML syntax error. */
export function ErrorText({ message, className = '' }: { message: string; className?: string }) {
  const hint = yamlHint(message);
  return (
    <>
      <span className={`whitespace-pre-line ${className}`}>{message}</span>
      {hint && (
        <span data-testid="yaml-hint" className="mt-0.5 block text-xs text-slate-600 dark:text-slate-400">
          <span className="font-semibold">What to change: </span>
          {hint}
        </span>
      )}
    </>
  );
}
