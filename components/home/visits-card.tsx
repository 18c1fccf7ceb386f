'use client';

import Link from 'next/link';
import { useEffect, useState } from 'react';
import { Card } from '@/components/ui/card';
import { ago, mostVisited, readVisits, recentVisits, visitsKey, type Visit } from './visits';

// The home page's Recently visited / Most visited: what the person opened in this browser.

const VIEWS = { recent: 'Recent', top: 'Most visited' } as const;

export function VisitsCard({ personId }: { personId: string }) {
  const [visits, setVisits] = useState<Visit[] | null>(null);
  const [view, setView] = useState<keyof typeof VIEWS>('recent');
  useEffect(() => {
    const key = visitsKey(personId);
    const load = () => {
      try {
        setVisits(readVisits(localStorage.getItem(key)));
      } catch {
        setVisits([]);
      }
    };
    load();
    // Another tab's visits.
    const onStorage = (e: StorageEvent) => e.key === key && load();
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [personId]);
  const shown = visits && (view === 'recent' ? recentVisits(visits) : mostVisited(visits));
  return (
    <Card
      title="Visited"
      actions={
        visits !== null &&
        visits.length > 0 && (
          <div role="group" aria-label="Order" className="flex gap-1 text-xs">
            {(Object.keys(VIEWS) as (keyof typeof VIEWS)[]).map((v) => (
              <button
                key={v}
                type="button"
                aria-pressed={view === v}
                onClick={() => setView(v)}
                className={`rounded px-2 py-0.5 ${view === v ? 'bg-brand-50 font-medium text-brand-700 dark:bg-brand-700/30 dark:text-brand-100' : 'text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800'}`}
              >
                {VIEWS[v]}
              </button>
            ))}
          </div>
        )
      }
    >
      {shown === null ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
      ) : shown.length ? (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {shown.map((v) => (
            <li key={v.path} className="flex items-center justify-between gap-3 py-1.5 text-sm">
              <span className="min-w-0 truncate">
                <Link href={v.path}>{v.title}</Link> <span className="text-slate-500 dark:text-slate-400">{v.kind}</span>
              </span>
              <span className="shrink-0 text-xs tabular-nums text-slate-500 dark:text-slate-400">
                {view === 'recent' ? ago(v.at) : `${v.hits} ${v.hits === 1 ? 'visit' : 'visits'}`}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          The services, docs and templates you open are listed here (kept in this browser only).
        </p>
      )}
    </Card>
  );
}
