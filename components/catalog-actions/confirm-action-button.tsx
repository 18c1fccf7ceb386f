'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { ActionFeedback } from './action-feedback';

/**
 * A destructive action behind an inline confirmation: runs `action`, then goes to `redirectTo`, or
 * shows the server's error (which says what to fix).
 */
export function ConfirmActionButton({
  label,
  question,
  confirmLabel,
  pendingLabel,
  action,
  redirectTo,
  align = 'start',
}: {
  label: string;
  question: string;
  confirmLabel: string;
  pendingLabel: string;
  action: () => Promise<{ ok: true } | { ok: false; error: string }>;
  redirectTo: string;
  align?: 'start' | 'end';
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();

  const run = () =>
    start(async () => {
      const result = await action();
      if (result.ok) router.push(redirectTo);
      else setError(result.error);
    });

  return (
    <div className={`flex max-w-sm flex-col gap-1 ${align === 'end' ? 'items-end text-right' : 'items-start'}`}>
      {confirming ? (
        <div className={`flex flex-wrap items-center gap-2 ${align === 'end' ? 'justify-end' : ''}`}>
          <span className="text-sm">{question}</span>
          <Button type="button" variant="danger" onClick={run} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
          {label}
        </Button>
      )}
      <ActionFeedback error={error} />
    </div>
  );
}
