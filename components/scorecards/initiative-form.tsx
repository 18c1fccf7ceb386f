'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { RefCombobox } from '@/components/catalog/ref-combobox';
import type { ActionResult } from '@/lib/auth/action';

export type ScorecardChoice = { id: string; title: string; levels: string[]; rules: { id: string; title: string; level: string }[] };

type Props = {
  scorecards: ScorecardChoice[];
  /**
   * The teams a lead may set initiatives for; null: any team (an admin), found as one types, or
   * none for the whole organisation.
   */
  teams: { ref: string; label: string }[] | null;
  create: (input: unknown) => Promise<ActionResult<{ id: string }>>;
};

const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-900';
const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

export function InitiativeForm({ scorecards, teams, create }: Props) {
  const router = useRouter();
  const [scorecardId, setScorecardId] = useState(scorecards[0]?.id ?? '');
  const [goal, setGoal] = useState<'level' | 'rule'>('level');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const card = scorecards.find((s) => s.id === scorecardId);

  const submit = (form: FormData) =>
    start(async () => {
      const get = (k: string) => String(form.get(k) ?? '').trim();
      const filter = Object.fromEntries((['type', 'lifecycle', 'tags'] as const).map((k) => [k, list(get(k))]).filter(([, v]) => v.length));
      const r = await create({
        title: get('title'),
        description: get('description') || undefined,
        scorecardId,
        goal,
        targetLevel: goal === 'level' ? get('targetLevel') : undefined,
        ruleId: goal === 'rule' ? get('ruleId') : undefined,
        filter,
        groupRef: get('groupRef') || undefined,
        deadline: get('deadline'),
      });
      if (r.ok) router.push(`/initiatives/${r.data.id}`);
      else {
        setError(r.error);
        setErrors(r.fieldErrors ?? {});
      }
    });

  const err = (k: string) =>
    errors[k]?.length ? <span className="mt-1 block text-xs text-red-700 dark:text-red-300">{errors[k].join('; ')}</span> : null;
  return (
    <form action={submit} className="max-w-2xl space-y-4">
      {error && (
        <p
          role="alert"
          className="rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200"
        >
          {error}
        </p>
      )}
      <label className="block text-sm font-medium">
        Title
        <input name="title" required className={field} placeholder="Every tier-1 service reaches Silver" />
        {err('title')}
      </label>
      <label className="block text-sm font-medium">
        Why (optional)
        <textarea name="description" rows={2} className={field} placeholder="What it helps with, and where to ask for help." />
      </label>
      <label className="block text-sm font-medium">
        Scorecard
        <select name="scorecardId" value={scorecardId} onChange={(e) => setScorecardId(e.target.value)} className={field}>
          {scorecards.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
        {err('scorecardId')}
      </label>
      <fieldset className="text-sm">
        <legend className="font-medium">Goal</legend>
        <label className="mr-4 inline-flex items-center gap-1.5">
          <input type="radio" name="goal" checked={goal === 'level'} onChange={() => setGoal('level')} /> Reach a level
        </label>
        <label className="inline-flex items-center gap-1.5">
          <input type="radio" name="goal" checked={goal === 'rule'} onChange={() => setGoal('rule')} /> Pass one rule
        </label>
      </fieldset>
      {goal === 'level' ? (
        <label className="block text-sm font-medium">
          Level
          <select name="targetLevel" className={field}>
            {card?.levels.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
          {err('targetLevel')}
        </label>
      ) : (
        <label className="block text-sm font-medium">
          Rule
          <select name="ruleId" className={field}>
            {card?.rules.map((r) => (
              <option key={r.id} value={r.id}>
                {r.level}: {r.title}
              </option>
            ))}
          </select>
          {err('ruleId')}
        </label>
      )}
      <div className="grid gap-4 sm:grid-cols-3">
        <label className="block text-sm font-medium">
          Type (optional)
          <input name="type" className={field} placeholder="service" />
        </label>
        <label className="block text-sm font-medium">
          Lifecycle (optional)
          <input name="lifecycle" className={field} placeholder="production" />
        </label>
        <label className="block text-sm font-medium">
          Tags (optional)
          <input name="tags" className={field} placeholder="tier-1" />
        </label>
      </div>
      {teams ? (
        <label className="block text-sm font-medium">
          Team
          <select name="groupRef" className={field} defaultValue={teams[0]?.ref}>
            {teams.map((t) => (
              <option key={t.ref} value={t.ref}>
                {t.label}
              </option>
            ))}
          </select>
          {err('groupRef')}
        </label>
      ) : (
        <Field label="Team" hint="Leave empty for the whole organisation" error={errors.groupRef}>
          {(p) => <RefCombobox {...p} kinds={['group']} name="groupRef" placeholder="The whole organisation" />}
        </Field>
      )}
      <label className="block text-sm font-medium">
        Deadline
        <input name="deadline" type="date" required className={field} />
        {err('deadline')}
      </label>
      <Button type="submit" disabled={pending}>
        {pending ? 'Creating…' : 'Create initiative'}
      </Button>
    </form>
  );
}
