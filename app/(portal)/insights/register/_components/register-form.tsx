'use client';

import { useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { registerRepositoryAction } from '@/lib/insights/actions';
import { catalogInfoYaml } from '@/lib/insights/model/register';

export function RegisterForm(props: {
  repository: string;
  fullName: string;
  candidates: string[];
  groups: { ref: string; title: string }[];
  description: string | null;
}) {
  const [owner, setOwner] = useState(props.candidates[0] ?? '');
  const [result, setResult] = useState<{ prUrl: string; prNumber: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [repoOwner, repoName] = props.fullName.split('/') as [string, string];
  const others = props.groups.filter((g) => !props.candidates.includes(g.ref));
  const title = (ref: string) => props.groups.find((g) => g.ref === ref)?.title ?? ref;

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
      <label className="block text-sm font-medium">
        Owner
        <select
          value={owner}
          onChange={(e) => setOwner(e.target.value)}
          required
          className="mt-1 block w-full max-w-md rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950"
        >
          {!owner && <option value="">Choose the owning team…</option>}
          {props.candidates.length > 0 && (
            <optgroup label="Suggested (CODEOWNERS, then teams with access)">
              {props.candidates.map((ref) => (
                <option key={ref} value={ref}>
                  {title(ref)}
                </option>
              ))}
            </optgroup>
          )}
          <optgroup label="All groups">
            {others.map((g) => (
              <option key={g.ref} value={g.ref}>
                {g.title}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
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
