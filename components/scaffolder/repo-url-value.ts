// The RepoUrlPicker's value, `host?owner=…&repo=…`, as Backstage's RepoUrlPicker writes it
// (plugins/scaffolder, RepoUrlPicker/utils.ts serializeRepoPickerUrl). The value is the field's
// only state, so a half-typed one keeps what was typed (`github.com?owner=acme`, as Backstage
// keeps it too); the field's check says what is still missing.

export type RepoUrlParts = { host: string; owner: string; repo: string };

/** The parts a value holds; `fallback` only while the field has no value yet. */
export function readRepoUrl(value: string | undefined, fallback: RepoUrlParts): RepoUrlParts {
  if (value === undefined) return fallback;
  const [host, query = ''] = value.split('?');
  const q = new URLSearchParams(query);
  return { host, owner: q.get('owner') ?? '', repo: q.get('repo') ?? '' };
}

/**
 * The value for `parts`; undefined when nothing is given, so that `required` applies. Other
 * parameters of `previous` (Backstage's `organization`, `workspace`, `project`) are kept.
 */
export function writeRepoUrl(parts: RepoUrlParts, previous?: string): string | undefined {
  if (!parts.host && !parts.owner && !parts.repo) return undefined;
  const q = new URLSearchParams(previous?.split('?')[1] ?? '');
  for (const key of ['owner', 'repo'] as const) {
    if (parts[key]) q.set(key, parts[key]);
    else q.delete(key);
  }
  return `${parts.host}?${q}`;
}

/** What a value lacks before a repository can be created from it: host, owner, repository. */
export function missingRepoUrlParts(value: string): string[] {
  const { host, owner, repo } = readRepoUrl(value, { host: '', owner: '', repo: '' });
  return [!host && 'host', !owner && 'owner', !repo && 'repository'].filter((p): p is string => Boolean(p));
}
