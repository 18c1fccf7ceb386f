'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ActionFeedback } from '@/components/catalog-actions/action-feedback';
import { setThemeAction } from '@/lib/auth/actions';
import type { Theme } from '@/lib/auth/theme';

const OPTIONS: { theme: Theme; label: string; hint: string }[] = [
  { theme: 'auto', label: 'Same as this device', hint: 'Light or dark as your system is set, changing with it.' },
  { theme: 'light', label: 'Light', hint: 'Always light.' },
  { theme: 'dark', label: 'Dark', hint: 'Always dark.' },
];

/** The colour theme of this browser: chosen, it applies at once and on every page from then on. */
export function ThemePicker({ theme }: { theme: Theme }) {
  const router = useRouter();
  const [chosen, setChosen] = useState(theme);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const choose = (next: Theme) => {
    const before = chosen;
    setChosen(next);
    start(async () => {
      const result = await setThemeAction({ theme: next });
      if (result.ok) router.refresh();
      else setChosen(before);
      setError(result.ok ? null : result.error);
    });
  };
  return (
    <fieldset disabled={pending}>
      <legend className="mb-2 text-sm font-medium text-slate-800 dark:text-slate-200">Theme</legend>
      <div className="space-y-2">
        {OPTIONS.map((o) => (
          <label key={o.theme} className="flex cursor-pointer items-start gap-2 text-sm">
            <input
              type="radio"
              name="theme"
              value={o.theme}
              checked={chosen === o.theme}
              onChange={() => choose(o.theme)}
              className="mt-1"
            />
            <span>
              <span className="font-medium text-slate-800 dark:text-slate-100">{o.label}</span>
              <span className="block text-slate-500 dark:text-slate-400">{o.hint}</span>
            </span>
          </label>
        ))}
      </div>
      <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">Kept in this browser (a cookie), as Backstage keeps it.</p>
      <ActionFeedback error={error} />
    </fieldset>
  );
}
