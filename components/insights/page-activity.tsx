'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState, useTransition } from 'react';
import { giveFeedbackAction, recordVisitAction } from '@/lib/insights/actions';

/** Counts each page the person opens (the server keeps its route pattern only). */
export function ActivityBeacon() {
  const pathname = usePathname();
  useEffect(() => {
    void recordVisitAction({ path: pathname });
  }, [pathname]);
  return null;
}

/** "Was this useful?" under every portal page: yes/no and an optional comment. */
export function FeedbackControl() {
  const pathname = usePathname();
  const [answer, setAnswer] = useState<boolean | null>(null);
  const [comment, setComment] = useState('');
  const [state, setState] = useState<{ sent: boolean; error: string | null }>({ sent: false, error: null });
  const [pending, startTransition] = useTransition();
  const [seenPath, setSeenPath] = useState(pathname);
  if (seenPath !== pathname) {
    // A new page asks again.
    setSeenPath(pathname);
    setAnswer(null);
    setComment('');
    setState({ sent: false, error: null });
  }

  const send = () =>
    startTransition(async () => {
      const res = await giveFeedbackAction({ path: pathname, useful: answer, comment: comment || undefined });
      setState(
        res.ok
          ? { sent: true, error: null }
          : { sent: false, error: res.fieldErrors ? Object.values(res.fieldErrors).flat().join(' ') : res.error },
      );
    });

  if (state.sent)
    return (
      <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
        Thank you — your answer helps the platform team.
      </p>
    );
  return (
    <form
      aria-label="Page feedback"
      className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <span id="feedback-question">Was this page useful?</span>
      <div role="group" aria-labelledby="feedback-question" className="flex gap-1">
        {[true, false].map((v) => (
          <button
            key={String(v)}
            type="button"
            aria-pressed={answer === v}
            onClick={() => setAnswer(v)}
            className={`rounded-md border px-2.5 py-1 ${answer === v ? 'border-brand-600 bg-brand-50 text-brand-700 dark:bg-slate-800 dark:text-white' : 'border-slate-300 dark:border-slate-700'}`}
          >
            {v ? 'Yes' : 'No'}
          </button>
        ))}
      </div>
      {answer !== null && (
        <>
          <label className="sr-only" htmlFor="feedback-comment">
            Comment (optional)
          </label>
          <input
            id="feedback-comment"
            value={comment}
            maxLength={2000}
            onChange={(e) => setComment(e.target.value)}
            placeholder="What would make it better? (optional)"
            className="min-w-0 flex-1 basis-64 rounded-md border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-950 sm:max-w-sm"
          />
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-600 px-3 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          >
            {pending ? 'Sending…' : 'Send'}
          </button>
        </>
      )}
      {state.error && (
        <p role="alert" className="w-full text-red-600 dark:text-red-400">
          {state.error}
        </p>
      )}
    </form>
  );
}
