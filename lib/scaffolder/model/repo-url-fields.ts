import type { FieldError } from './parameters';
import { parseRepoUrl, type RepoSpec } from './repo-url';
import { isObject } from './schema-ref';
import { hasSchema, SchemaTooComplex, tooComplexError, walkSchema } from './schema-walk';

// A RepoUrlPicker's `ui:options` (allowedHosts, allowedOwners, allowedRepos, allowedOrganizations,
// allowedProjects) are where a template's owner says which repositories a run may write to: the
// steps then act on that value with the portal's GitHub token. The form only offers the listed
// values, so the server holds a submission to them too (a request that bypasses the form would
// otherwise push to, or add webhooks on, any repository the token can write to). Such a field may
// sit anywhere in a page's schema (model/schema-walk.ts).

type Schema = Record<string, unknown>;

const LISTS = [
  ['allowedHosts', 'host', 'host'],
  ['allowedOwners', 'owner', 'owner'],
  ['allowedRepos', 'repo', 'repository'],
  ['allowedOrganizations', 'organization', 'organization'],
  ['allowedProjects', 'project', 'project'],
] as const satisfies readonly (readonly [string, keyof RepoSpec, string])[];

function allowedList(options: Schema, key: string): string[] | null {
  const list = options[key];
  if (!Array.isArray(list)) return null;
  const values = list.filter((v): v is string => typeof v === 'string');
  return values.length ? values : null;
}

/** What is wrong with one RepoUrlPicker value under its field's options; null when it is allowed. */
function repoUrlProblem(schema: Schema, value: unknown, field: string): string | null {
  const options = isObject(schema['ui:options']) ? schema['ui:options'] : {};
  const lists = LISTS.map(([key, part, label]) => ({ key, part, label, allowed: allowedList(options, key) })).filter((l) => l.allowed);
  if (!lists.length) return null;
  const title = typeof schema.title === 'string' ? schema.title : field;
  if (typeof value !== 'string') return `${title} must be a repository location such as github.com?owner=acme&repo=my-service`;
  let spec: RepoSpec;
  try {
    spec = parseRepoUrl(value);
  } catch (err) {
    return `${title}: ${(err as Error).message}`;
  }
  for (const { key, part, label, allowed } of lists) {
    const got = spec[part];
    // Host names are case-insensitive (the URL parser lower-cases them); the rest is compared as the form writes it.
    const ok = part === 'host' ? allowed!.some((a) => a.toLowerCase() === got) : got !== undefined && allowed!.includes(got);
    if (!ok)
      return `${title}: the ${label} ${got === undefined ? 'is missing' : `"${got}" is not allowed`}; this template allows ${allowed!.map((a) => `"${a}"`).join(', ')} (${key})`;
  }
  return null;
}

/** Whether a schema is a RepoUrlPicker with an allowed list (most templates have none). */
const hasAllowLists = (schema: Schema) =>
  schema['ui:field'] === 'RepoUrlPicker' &&
  isObject(schema['ui:options']) &&
  LISTS.some(([key]) => allowedList(schema['ui:options'] as Schema, key));

/**
 * Every RepoUrlPicker field of these pages whose value is outside its allowed hosts, owners or
 * repositories. A field declared in several branches (a `oneOf` per visibility, each with its own
 * owners) is taken when one of its declarations allows the value: each list is the template's own.
 */
export function repoUrlFieldErrors(pages: Schema[], values: Record<string, unknown>): FieldError[] {
  /** Per field: what each of its declarations says of its value (null: allowed). */
  const verdicts = new Map<string, (string | null)[]>();
  const budget = { visits: 0 };
  try {
    for (const page of pages.filter((p) => hasSchema(p, hasAllowLists)))
      walkSchema(
        page,
        values,
        ({ schema, value, field }) => {
          if (schema['ui:field'] === 'RepoUrlPicker')
            verdicts.set(field, [...(verdicts.get(field) ?? []), repoUrlProblem(schema, value, field)]);
        },
        budget,
      );
  } catch (err) {
    if (!(err instanceof SchemaTooComplex)) throw err;
    return [tooComplexError("The repository locations could not be checked against the template's allowed lists")];
  }
  return [...verdicts].flatMap(([field, said]) => (said.includes(null) ? [] : [{ field, message: said[0]! }]));
}
