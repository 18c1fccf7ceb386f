import { validateParameters, type FieldError } from './parameters';
import { hasSchema, SchemaTooComplex, tooComplexError, walkSchema } from './schema-walk';

// Fields drawn with `ui:field: Secret` hold secrets: their values go to the task's `secrets` (kept
// in memory only), never to its stored parameters. Such a field may sit at the top of a page or
// inside an object property, an array's items, a `$ref`, or a `dependencies`/`oneOf`/`allOf`/`if`
// branch; the run form sends it in `values` wherever it is. As Backstage's SecretWidget does, a
// template reads it by its property name (`secrets.password` for `registry.password`).

type Schema = Record<string, unknown>;

/** Names of the properties drawn with `ui:field: Secret`, on any page or branch. */
export function secretFields(pages: Schema[]): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const props = (node as Schema).properties;
    if (props && typeof props === 'object') {
      for (const [name, schema] of Object.entries(props as Record<string, Schema>)) {
        if (schema && schema['ui:field'] === 'Secret') names.add(name);
      }
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(pages);
  return names;
}

type Found = { field: string; name: string; value: unknown };

const isSecret = (schema: Schema) => schema['ui:field'] === 'Secret';

/**
 * Takes every Secret field's value out of one page's values (they are a copy) and lists it. A value
 * taken is gone for the page's other branches, so each is listed once.
 */
function takeSecrets(page: Schema, values: Record<string, unknown>, found: Found[], budget: { visits: number }): void {
  walkSchema(
    page,
    values,
    ({ schema, value, field, declared, parent, key }) => {
      // A property's own schema, as the run form draws it (components/scaffolder/form-schema.ts).
      if (!declared || !isSecret(schema) || typeof key !== 'string' || Array.isArray(parent)) return;
      found.push({ field, name: key, value });
      delete (parent as Record<string, unknown>)[key];
      return true;
    },
    budget,
  );
}

/**
 * Moves Secret-field values out of the parameters into `secrets` (the only place actions read
 * them from); the stored parameters never hold them. Two Secret fields of one name with different
 * values are an error: a template could read only one of them.
 */
export function splitSecrets(
  pages: Schema[],
  values: Record<string, unknown>,
  secrets: Record<string, string> = {},
): { values: Record<string, unknown>; secrets: Record<string, string>; errors: FieldError[] } {
  const kept = structuredClone(values);
  const found: Found[] = [];
  const budget = { visits: 0 };
  try {
    for (const page of pages.filter((p) => hasSchema(p, isSecret))) takeSecrets(page, kept, found, budget);
  } catch (err) {
    if (!(err instanceof SchemaTooComplex)) throw err;
    return {
      values: {},
      secrets: { ...secrets },
      errors: [tooComplexError('The Secret fields could not be taken out of the values')],
    };
  }
  const out: Record<string, string> = { ...secrets };
  const from = new Map<string, string>();
  const errors: FieldError[] = [];
  for (const { field, name, value } of found) {
    if (typeof value !== 'string' || !value) continue;
    const other = from.get(name);
    if (other !== undefined && out[name] !== value) {
      errors.push({
        field,
        message: `${field} and ${other} are both Secret fields named ${name}, and a template reads a secret by its name (secrets.${name}): ask the template's owner to rename one of them`,
      });
      continue;
    }
    from.set(name, field);
    out[name] = value;
  }
  return { values: kept, secrets: out, errors };
}

/**
 * Backstage's `spec.secrets.schema`: the secrets a run is given (its Secret fields and the API's
 * `secrets`) checked against that JSON Schema when a task is created or retried, as Backstage
 * checks them. Each error names `secrets.<name>`; none holds a value.
 */
export function secretsSchemaErrors(schema: Record<string, unknown> | undefined, secrets: Record<string, string>): FieldError[] {
  if (!schema) return [];
  return validateParameters([schema], secrets).map((e) => ({
    field: e.field === '_' ? 'secrets' : `secrets.${e.field}`,
    message: e.message,
  }));
}
