'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { ActionFeedback } from './action-feedback';

/**
 * A destructive action behind a confirmation dialog: runs `action`, then goes to `redirectTo`, or
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
      <Button type="button" variant="danger" onClick={() => setConfirming(true)}>
        {label}
      </Button>
      <Dialog open={confirming} onClose={() => !pending && setConfirming(false)} title={question}>
        <ActionFeedback error={error} />
        <div className="mt-4 flex flex-wrap justify-end gap-2">
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={pending} autoFocus>
            Cancel
          </Button>
          <Button type="button" variant="danger" onClick={run} disabled={pending}>
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </div>
      </Dialog>
      {!confirming && <ActionFeedback error={error} />}
    </div>
  );
}
