import type { FieldError } from './parameters';
import { isObject, localRefTarget } from './schema-ref';

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

/**
 * Walks one page's schema along `values`, takes every Secret field's value out of them (they are a
 * copy) and lists it. Each schema is applied to each object or list once, which bounds the walk by
 * their sizes whatever the `$ref`s.
 */
function takeSecrets(page: Schema, values: Record<string, unknown>, found: Found[]): void {
  const visited = new WeakMap<object, Set<unknown>>();
  const visit = (schema: unknown, value: unknown, field: string): void => {
    if (!isObject(schema) || !value || typeof value !== 'object') return;
    const seen = visited.get(value) ?? new Set<unknown>();
    if (seen.has(schema)) return;
    visited.set(value, seen.add(schema));
    if (typeof schema.$ref === 'string') visit(localRefTarget(page, schema.$ref), value, field);
    // Branches describe the same value.
    for (const key of ['allOf', 'anyOf', 'oneOf'])
      if (Array.isArray(schema[key])) for (const branch of schema[key]) visit(branch, value, field);
    for (const key of ['if', 'then', 'else']) visit(schema[key], value, field);
    if (isObject(schema.dependencies)) for (const dep of Object.values(schema.dependencies)) visit(dep, value, field);
    const at = (key: string | number) => (field ? `${field}.${key}` : String(key));
    if (Array.isArray(value)) {
      const { items, additionalItems } = schema;
      value.forEach((item, i) => visit(Array.isArray(items) ? (items[i] ?? additionalItems) : items, item, at(i)));
      return;
    }
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const key of Object.keys(value)) {
      const sub = Object.hasOwn(props, key) ? props[key] : schema.additionalProperties;
      const item = (value as Record<string, unknown>)[key];
      if (isObject(sub) && sub['ui:field'] === 'Secret') {
        found.push({ field: at(key), name: key, value: item });
        delete (value as Record<string, unknown>)[key];
      } else visit(sub, item, at(key));
    }
  };
  visit(page, values, '');
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
  for (const page of pages) takeSecrets(page, kept, found);
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
