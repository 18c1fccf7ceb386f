import { ErrorText } from './error-text';

// Result text of a client action: errors are shown verbatim (they say what to fix).
export function ActionFeedback({ error, success }: { error?: string | null; success?: string | null }) {
  if (error) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-300">
        <ErrorText message={error} />
      </p>
    );
  }
  if (success) {
    return (
      <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
        {success}
      </p>
    );
  }
  return null;
}

export function FieldError({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={id} className="mt-1 whitespace-pre-line text-xs text-red-700 dark:text-red-300">
      {messages.join('\n')}
    </p>
  );
}
