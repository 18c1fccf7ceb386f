'use client';

import type { FieldProps } from '@rjsf/utils';
import { useEffect, useState } from 'react';
import { contextOf, inputClass, set, Shell, uiOptions } from './field-shell';
import { readRepoUrl, writeRepoUrl, type RepoUrlParts } from './repo-url-value';

// The repository fields of Backstage's scaffolder: RepoUrlPicker (allowedHosts, allowedOwners,
// allowedRepos), RepoOwnerPicker (host, excludedOwners) and RepoBranchPicker (the branches of the
// form's repoUrl). The owners and branches offered come from GitHub through the scaffolder's
// autocomplete (lib/scaffolder/autocomplete.ts); any other value can be typed, as in Backstage.

/** `host?owner=…&repo=…`, as Backstage's RepoUrlPicker writes it. */
export function RepoUrlPicker(props: FieldProps) {
  const opts = uiOptions(props);
  const hosts = (opts.allowedHosts as string[] | undefined) ?? [];
  const owners = (opts.allowedOwners as string[] | undefined) ?? [];
  const repos = (opts.allowedRepos as string[] | undefined) ?? [];
  const value = props.formData as string | undefined;
  const read = readRepoUrl(value, {
    host: hosts[0] ?? contextOf(props).defaultHost ?? '',
    owner: owners[0] ?? '',
    repo: repos[0] ?? '',
  });
  // A part with a list of allowed values is a select, which shows its first choice for any other.
  const allowedOr = (list: string[], part: string) => (list.length && !list.includes(part) ? list[0] : part);
  const parsed = { host: allowedOr(hosts, read.host), owner: allowedOr(owners, read.owner), repo: allowedOr(repos, read.repo) };
  const update = (patch: Partial<RepoUrlParts>) => set(props, writeRepoUrl({ ...parsed, ...patch }, value));
  // With the owner and the repository chosen from lists and a host given, nothing need be typed:
  // the choices are the value (Backstage writes its value on mount too).
  const preset = value === undefined && Boolean(parsed.host) && owners.length > 0 && repos.length > 0;
  useEffect(() => {
    if (preset) set(props, writeRepoUrl(parsed));
  });
  // A typed owner gets the integration's organisations as suggestions (Backstage's GitHub RepoUrlPicker);
  // none when the host is not a GitHub integration's.
  const ownerChoices = useGithubChoices('owners', owners.length || !parsed.host ? null : { host: parsed.host }, 400).choices;
  const id = props.fieldPathId.$id;
  const choice = (name: 'host' | 'owner' | 'repo', label: string, allowed: string[], suggested: string[] = []) => (
    <div>
      <label htmlFor={`${id}-${name}`} className="text-xs text-slate-600 dark:text-slate-400">
        {label}
      </label>
      {allowed.length ? (
        <select id={`${id}-${name}`} className={inputClass} value={parsed[name]} onChange={(e) => update({ [name]: e.target.value })}>
          {allowed.map((a) => (
            <option key={a}>{a}</option>
          ))}
        </select>
      ) : (
        <>
          <input
            id={`${id}-${name}`}
            list={suggested.length ? `${id}-${name}-list` : undefined}
            autoComplete={suggested.length ? 'off' : undefined}
            className={inputClass}
            value={parsed[name]}
            onChange={(e) => update({ [name]: e.target.value.trim() })}
          />
          {suggested.length > 0 && (
            <datalist id={`${id}-${name}-list`}>
              {suggested.map((c) => (
                <option key={c} value={c} />
              ))}
            </datalist>
          )}
        </>
      )}
    </div>
  );
  return (
    <Shell props={props}>
      <div className="grid gap-2 sm:grid-cols-3">
        {choice('host', 'Host', hosts)}
        {choice('owner', 'Owner', owners, ownerChoices)}
        {choice('repo', 'Repository', repos)}
      </div>
    </Shell>
  );
}

/** `missing`: GitHub has no such repository (yet), which is no error while its name is being typed. */
type Choices = { choices: string[]; loading: boolean; error: string | null; missing: boolean };

/** GitHub's `owners` or `branches` for `context` (null: nothing to ask yet), asked `delay` ms after it settles. */
function useGithubChoices(resource: 'owners' | 'branches', context: Record<string, string> | null, delay: number): Choices {
  const key = context ? JSON.stringify(context) : null;
  const [answer, setAnswer] = useState<{ key: string; choices: string[]; error: string | null; missing?: boolean } | null>(null);
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/scaffolder/v2/autocomplete/github/${resource}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ context: JSON.parse(key) }),
        });
        const body = (await res.json().catch(() => ({}))) as { results?: { id: string }[]; error?: { message?: string } };
        if (res.status === 404) {
          if (live) setAnswer({ key, choices: [], error: null, missing: true });
          return;
        }
        if (!res.ok || !body.results) throw new Error(body.error?.message ?? `the portal answered HTTP ${res.status}`);
        if (live) setAnswer({ key, choices: body.results.map((r) => r.id), error: null });
      } catch (err) {
        if (live) setAnswer({ key, choices: [], error: (err as Error).message });
      }
    }, delay);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [resource, key, delay]);
  const current = answer && answer.key === key ? answer : null;
  return {
    choices: current?.choices ?? [],
    loading: key !== null && !current,
    error: current?.error ?? null,
    missing: current?.missing ?? false,
  };
}

const choicesProblem = (error: string) => `GitHub's choices could not be read: ${error}. Any value can still be typed.`;

/** A text field offering `choices` as the browser's suggestions. */
function TypeOrChoose({ props, choices, loading }: { props: FieldProps; choices: string[]; loading: boolean }) {
  const id = props.fieldPathId.$id;
  return (
    <>
      <input
        id={id}
        list={`${id}-list`}
        className={inputClass}
        value={(props.formData as string | undefined) ?? ''}
        onChange={(e) => set(props, e.target.value.trim())}
        placeholder={loading ? 'Loading…' : choices.length ? 'Type or choose' : undefined}
        autoComplete="off"
        autoFocus={props.uiSchema?.['ui:autofocus'] === true}
      />
      <datalist id={`${id}-list`}>
        {choices.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
    </>
  );
}

/** Backstage's RepoOwnerPicker: an organisation of `host` (default: the first GitHub integration's), or any owner typed. */
export function RepoOwnerPicker(props: FieldProps) {
  const opts = uiOptions(props);
  const host = (opts.host as string | undefined) ?? contextOf(props).defaultHost;
  const excluded = (opts.excludedOwners as string[] | undefined) ?? [];
  const { choices, loading, error } = useGithubChoices('owners', host ? { host } : null, 0);
  return (
    <Shell
      props={props}
      hint={host ? `An organisation on ${host}` : 'The owner of the repository'}
      problem={error ? choicesProblem(error) : undefined}
    >
      <TypeOrChoose props={props} choices={choices.filter((c) => !excluded.includes(c))} loading={loading} />
    </Shell>
  );
}

/** Backstage's RepoBranchPicker: a branch of the repository the form's `repoUrl` names, or any branch typed. */
export function RepoBranchPicker(props: FieldProps) {
  const repoUrl = contextOf(props).formData?.repoUrl;
  const { host, owner, repo } = readRepoUrl(typeof repoUrl === 'string' ? repoUrl : '', { host: '', owner: '', repo: '' });
  const named = Boolean(host && owner && repo);
  const { choices, loading, error, missing } = useGithubChoices('branches', named ? { host, owner, repository: repo } : null, 400);
  return (
    <Shell
      props={props}
      hint={named ? `A branch of ${owner}/${repo}` : 'The branch of the repository'}
      problem={error ? choicesProblem(error) : undefined}
      notice={missing ? `${owner}/${repo} is not on ${host} (yet), so it has no branches to offer: type the branch.` : undefined}
    >
      <TypeOrChoose props={props} choices={choices} loading={loading} />
    </Shell>
  );
}
