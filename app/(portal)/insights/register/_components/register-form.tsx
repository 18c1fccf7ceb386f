'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { RefCombobox } from '@/components/catalog/ref-combobox';
import { registerRepositoryAction } from '@/lib/insights/actions';
import { catalogInfoYaml } from '@/lib/insights/model/register';

export function RegisterForm(props: {
  repository: string;
  fullName: string;
  /** Known Groups named by CODEOWNERS, then the teams with access, best first. */
  candidates: { ref: string; title: string }[];
  description: string | null;
}) {
  const [owner, setOwner] = useState(props.candidates[0]?.ref ?? '');
  const [result, setResult] = useState<{ prUrl: string; prNumber: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [repoOwner, repoName] = props.fullName.split('/') as [string, string];

  if (result) {
    return (
      <p role="status" className="text-sm">
        Pull request <a href={result.prUrl}>#{result.prNumber}</a> opened in {props.fullName}. Merging it registers the repository.
      </p>
    );
  }
  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        startTransition(async () => {
          const res = await registerRepositoryAction({ repository: props.repository, owner });
          if (res.ok) setResult(res.data);
          else setError(res.fieldErrors ? Object.values(res.fieldErrors).flat().join(' ') : res.error);
        });
      }}
    >
      <Field label="Owner" className="max-w-md">
        {(p) => (
          <RefCombobox {...p} kinds={['group']} required value={owner} onChange={setOwner} placeholder="Type the owning team's name" />
        )}
      </Field>
      {props.candidates.length > 0 && (
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-slate-600 dark:text-slate-400">Suggested (CODEOWNERS, then teams with access):</span>
          {props.candidates.map((c) => (
            <Button
              key={c.ref}
              type="button"
              variant="secondary"
              aria-pressed={owner === c.ref}
              className="aria-pressed:border-brand-500 aria-pressed:ring-2 aria-pressed:ring-brand-500/30"
              onClick={() => setOwner(c.ref)}
            >
              {c.title}
            </Button>
          ))}
        </div>
      )}
      <p className="text-sm text-slate-600 dark:text-slate-400">
        {props.candidates.length
          ? 'The suggestion comes from the repository’s CODEOWNERS and the teams with access; check it before opening the pull request.'
          : 'Neither CODEOWNERS nor the teams with access name a known Group: choose the owner.'}
      </p>
      <div>
        <p className="text-sm font-medium">catalog-info.yaml</p>
        <pre aria-label="catalog-info.yaml preview" className="mt-1 overflow-x-auto rounded-md bg-slate-50 p-3 text-xs dark:bg-slate-950">
          {owner
            ? catalogInfoYaml({ owner: repoOwner, name: repoName, description: props.description, ownerRef: owner })
            : 'Choose an owner to see the descriptor.'}
        </pre>
      </div>
      {error && (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <Button type="submit" disabled={pending || !owner}>
        {pending ? 'Opening…' : 'Open pull request'}
      </Button>
    </form>
  );
}
