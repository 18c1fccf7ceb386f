'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

type Line = { id: number; type: string; createdAt: string; body: { message: string; stepId?: string; level?: string } };

/**
 * The task log, live: the lines so far come with the page; new ones arrive over server-sent events
 * (EventSource continues after the last id it saw when it reconnects). Step states and outputs
 * are server-rendered; the page refreshes as lines arrive.
 */
export function TaskLive({ taskId, initial, done }: { taskId: string; initial: Line[]; done: boolean }) {
  const router = useRouter();
  const [lines, setLines] = useState(initial);
  const last = useRef(initial.at(-1)?.id ?? 0);
  const bottom = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (done) return;
    const source = new EventSource(`/api/scaffolder/v2/tasks/${taskId}/eventstream?after=${last.current}`);
    let timer: ReturnType<typeof setTimeout> | null = null;
    const onLine = (e: MessageEvent<string>) => {
      const line = JSON.parse(e.data) as Line;
      if (line.id <= last.current) return;
      last.current = line.id;
      setLines((prev) => [...prev, line]);
      timer ??= setTimeout(() => {
        timer = null;
        router.refresh();
      }, 300);
      if (line.type === 'completion' || line.type === 'cancelled') source.close();
    };
    for (const type of ['log', 'completion', 'cancelled', 'recovered']) source.addEventListener(type, onLine as EventListener);
    return () => {
      source.close();
      if (timer) clearTimeout(timer);
    };
  }, [taskId, done, router]);

  // Braces: newer browsers return a promise from scrollIntoView, and React would take it for a cleanup.
  useEffect(() => {
    bottom.current?.scrollIntoView({ block: 'nearest' });
  }, [lines.length]);

  return (
    <div
      role="log"
      aria-live="polite"
      aria-label="Task log"
      className="max-h-[28rem] overflow-auto rounded-md bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100"
    >
      {lines.map((l) => (
        <div
          key={l.id}
          className={`whitespace-pre-wrap break-words ${l.body.level === 'error' || (l.type === 'completion' && /failed/i.test(l.body.message)) ? 'text-red-300' : l.body.level === 'warn' ? 'text-amber-200' : l.type === 'completion' ? 'text-emerald-300' : ''}`}
        >
          <span className="select-none text-slate-500 dark:text-slate-400">{new Date(l.createdAt).toISOString().slice(11, 19)} </span>
          {l.body.stepId && <span className="text-sky-300">[{l.body.stepId}] </span>}
          {l.body.message}
        </div>
      ))}
      <div ref={bottom} />
    </div>
  );
}
