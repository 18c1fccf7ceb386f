'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { inputClass } from '@/components/scaffolder/field-shell';
import { cancelTaskAction, retryTaskAction } from '@/lib/scaffolder/actions';

/** Cancel a running task; retry a failed or cancelled one from its failed step (secrets asked again). */
export function TaskButtons({ taskId, status, secretNames }: { taskId: string; status: string; secretNames: string[] }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [secrets, setSecrets] = useState<Record<string, string>>({});
  const act = (fn: () => Promise<{ ok: boolean; error?: string }>) =>
    start(async () => {
      const r = await fn();
      setError(r.ok ? null : (r.error ?? 'failed'));
      router.refresh();
    });
  if (status === 'open' || status === 'processing') {
    return (
      <div className="flex flex-wrap items-center gap-2">
        <Button variant="danger" disabled={pending} onClick={() => act(() => cancelTaskAction({ taskId }))}>
          Cancel
        </Button>
        {error && (
          <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
            {error}
          </p>
        )}
      </div>
    );
  }
  if (status !== 'failed' && status !== 'cancelled') return null;
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        act(() => retryTaskAction({ taskId, secrets }));
      }}
    >
      {secretNames.map((n) => (
        <label key={n} className="text-xs">
          {n} (secret, asked again)
          <input
            type="password"
            required
            autoComplete="off"
            className={inputClass}
            value={secrets[n] ?? ''}
            onChange={(e) => setSecrets({ ...secrets, [n]: e.target.value })}
          />
        </label>
      ))}
      <Button type="submit" disabled={pending}>
        Retry from the failed step
      </Button>
      {error && (
        <p role="alert" className="w-full text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </form>
  );
}
