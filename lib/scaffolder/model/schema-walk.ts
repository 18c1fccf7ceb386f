import type { FieldError } from './parameters';
import { isObject, localRefTarget } from './schema-ref';

// The walk of one parameter page's JSON Schema beside the values a run was given, for the checks
// that look at particular fields wherever they sit (Secret fields, RepoUrlPicker allowed lists): at
// the top of a page, inside an object property or an array's items, behind a local `$ref`, or in an
// `allOf`/`anyOf`/`oneOf`, `if`/`then`/`else` or `dependencies` branch.

type Schema = Record<string, unknown>;

/**
 * One schema applied to one value: `field` is its dotted path, `parent[key]` where the value sits;
 * `declared` when the schema is the one its parent's properties or items give, not one reached
 * from it through a `$ref` or a branch.
 */
export type SchemaVisit = { schema: Schema; value: unknown; field: string; declared: boolean; parent?: object; key?: string | number };

/**
 * Schemas applied to values, and entries of values looked at, in one walk. A dry run's template
 * and values are anyone's: 60,000 fields under a branch of 1,000 schemas took 11–28 s. Forms take
 * a few hundred.
 */
const MAX_VISITS = 100_000;

/** Thrown by walkSchema when the schema and the values are too large together to walk. */
export class SchemaTooComplex extends Error {}

/** The submission's error when a walk gave up: `what` could not be done. */
export const tooComplexError = (what: string): FieldError => ({
  field: '_',
  message: `${what}: the values and the parameter schema are too large together. Submit fewer values, or ask the template's owner to simplify its parameters`,
});

/**
 * Calls `visit` for every schema of `page` that describes a defined value of `values`; when it
 * returns true the value is taken, and nothing inside it is looked at. Each schema is applied to each
 * field once, which bounds the walk whatever the `$ref`s, and the walk gives up (SchemaTooComplex)
 * after MAX_VISITS, shared by the walks that pass the same `budget`.
 */
export function walkSchema(
  page: Schema,
  values: Record<string, unknown>,
  visit: (at: SchemaVisit) => boolean | void,
  budget = { visits: 0 },
): void {
  const visited = new Map<string, Set<unknown>>();
  const spend = (visits: number) => {
    if ((budget.visits += visits) > MAX_VISITS) throw new SchemaTooComplex();
  };
  const apply = (schema: unknown, value: unknown, field: string, declared: boolean, parent?: object, key?: string | number): void => {
    if (!isObject(schema) || value === undefined) return;
    const seen = visited.get(field) ?? new Set<unknown>();
    if (seen.has(schema)) return;
    visited.set(field, seen.add(schema));
    spend(1);
    if (visit({ schema, value, field, declared, parent, key })) return;
    if (typeof schema.$ref === 'string') apply(localRefTarget(page, schema.$ref), value, field, false, parent, key);
    // Branches describe the same value.
    for (const branches of ['allOf', 'anyOf', 'oneOf'])
      if (Array.isArray(schema[branches])) for (const branch of schema[branches]) apply(branch, value, field, false, parent, key);
    for (const branch of ['if', 'then', 'else']) apply(schema[branch], value, field, false, parent, key);
    if (isObject(schema.dependencies)) for (const dep of Object.values(schema.dependencies)) apply(dep, value, field, false, parent, key);
    if (!value || typeof value !== 'object') return;
    // Each of the value's entries is looked at under this schema, whether or not it describes it.
    spend(Object.keys(value).length);
    const at = (k: string | number) => (field ? `${field}.${k}` : String(k));
    if (Array.isArray(value)) {
      const { items, additionalItems } = schema;
      value.forEach((item, i) => apply(Array.isArray(items) ? (items[i] ?? additionalItems) : items, item, at(i), true, value, i));
      return;
    }
    const props = isObject(schema.properties) ? schema.properties : {};
    for (const [k, item] of Object.entries(value))
      apply(Object.hasOwn(props, k) ? props[k] : schema.additionalProperties, item, at(k), true, value, k);
  };
  apply(page, values, '', true);
}

/** Whether some schema in `node` (a page, or a list of them) passes `test`: the walks skip pages that have none. */
export function hasSchema(node: unknown, test: (schema: Schema) => boolean): boolean {
  if (Array.isArray(node)) return node.some((n) => hasSchema(n, test));
  if (!isObject(node)) return false;
  return test(node) || Object.values(node).some((n) => hasSchema(n, test));
}
