import type { FieldError } from './parameters';
import { parseRepoUrl, type RepoSpec } from './repo-url';
import { isObject, localRefTarget } from './schema-ref';

// A RepoUrlPicker's `ui:options` (allowedHosts, allowedOwners, allowedRepos, allowedOrganizations,
// allowedProjects) are where a template's owner says which repositories a run may write to: the
// steps then act on that value with the portal's GitHub token. The form only offers the listed
// values, so the server holds a submission to them too (a request that bypasses the form would
// otherwise push to, or add webhooks on, any repository the token can write to). Such a field may
// sit wherever a Secret field may (model/secret-fields.ts).

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

/** Whether some schema in `node` is a RepoUrlPicker with an allowed list (most templates have none). */
function hasAllowLists(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasAllowLists);
  if (!isObject(node)) return false;
  if (
    node['ui:field'] === 'RepoUrlPicker' &&
    isObject(node['ui:options']) &&
    LISTS.some(([key]) => allowedList(node['ui:options'] as Schema, key))
  )
    return true;
  return Object.values(node).some(hasAllowLists);
}

/**
 * Schemas applied to values in one check. A dry run's template and values are anyone's: 60,000
 * fields under a branch of 1,000 schemas took 28 s. Forms take a few hundred.
 */
const MAX_VISITS = 100_000;

/**
 * Every RepoUrlPicker field of these pages whose value is outside its allowed hosts, owners or
 * repositories. A field declared in several branches (a `oneOf` per visibility, each with its own
 * owners) is taken when one of its declarations allows the value: each list is the template's own.
 */
export function repoUrlFieldErrors(pages: Schema[], values: Record<string, unknown>): FieldError[] {
  /** Per field: what each of its declarations says of its value (null: allowed). */
  const verdicts = new Map<string, (string | null)[]>();
  let visits = 0;
  for (const page of pages.filter(hasAllowLists)) {
    // Each schema is applied to each field once, which bounds the walk whatever the `$ref`s.
    const visited = new Map<string, Set<unknown>>();
    const visit = (schema: unknown, value: unknown, field: string): void => {
      if (!isObject(schema) || value === undefined) return;
      const seen = visited.get(field) ?? new Set<unknown>();
      if (seen.has(schema)) return;
      visited.set(field, seen.add(schema));
      if (++visits > MAX_VISITS) throw new TooComplex();
      if (schema['ui:field'] === 'RepoUrlPicker')
        verdicts.set(field, [...(verdicts.get(field) ?? []), repoUrlProblem(schema, value, field)]);
      if (typeof schema.$ref === 'string') visit(localRefTarget(page, schema.$ref), value, field);
      // Branches describe the same value.
      for (const key of ['allOf', 'anyOf', 'oneOf'])
        if (Array.isArray(schema[key])) for (const branch of schema[key]) visit(branch, value, field);
      for (const key of ['if', 'then', 'else']) visit(schema[key], value, field);
      if (isObject(schema.dependencies)) for (const dep of Object.values(schema.dependencies)) visit(dep, value, field);
      if (!value || typeof value !== 'object') return;
      const at = (key: string | number) => (field ? `${field}.${key}` : String(key));
      if (Array.isArray(value)) {
        const { items, additionalItems } = schema;
        value.forEach((item, i) => visit(Array.isArray(items) ? (items[i] ?? additionalItems) : items, item, at(i)));
        return;
      }
      const props = isObject(schema.properties) ? schema.properties : {};
      for (const [key, item] of Object.entries(value))
        visit(Object.hasOwn(props, key) ? props[key] : schema.additionalProperties, item, at(key));
    };
    try {
      visit(page, values, '');
    } catch (err) {
      if (!(err instanceof TooComplex)) throw err;
      return [
        {
          field: '_',
          message: `The repository locations could not be checked against the template's allowed lists: the values and the parameter schema are too large together. Submit fewer values, or ask the template's owner to simplify its parameters`,
        },
      ];
    }
  }
  return [...verdicts].flatMap(([field, said]) => (said.includes(null) ? [] : [{ field, message: said[0]! }]));
}

class TooComplex extends Error {}
